/** Text made safe to show: the one escaping of input-derived text used by every output of the command line. */
package org.wskemu.cli.text;
