/** The public vocabulary of wskemu: statuses, addresses, ids and the embedding interface a WSK application calls. */
package org.wskemu.api;
