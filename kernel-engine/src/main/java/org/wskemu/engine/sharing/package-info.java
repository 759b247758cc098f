/** The pure sharing rules: profiles as data, the bind arbiter, the ephemeral port choice and the matrix. */
package org.wskemu.engine.sharing;
