/** The wskemu command line: one class per subcommand, output formats and the documented exit codes. */
package org.wskemu.cli;
