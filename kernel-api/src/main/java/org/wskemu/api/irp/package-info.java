/** Emulated I/O request packets: exactly-once completion with an IoStatus block and a completion routine. */
package org.wskemu.api.irp;
