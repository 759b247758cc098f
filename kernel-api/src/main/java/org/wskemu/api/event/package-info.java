/** The events every WSK call is recorded as; their log is the whole recorded session. */
package org.wskemu.api.event;
