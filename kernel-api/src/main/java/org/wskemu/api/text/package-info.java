/**
 * Text made safe to show: the one escaping of input-derived text (labels, file names) used by the
 * session reader's faults and by every output of the command line.
 */
package org.wskemu.api.text;
