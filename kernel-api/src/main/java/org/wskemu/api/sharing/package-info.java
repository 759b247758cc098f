/** The vocabulary of a bind decision: table cells, profiles, bindings and the decision itself. */
package org.wskemu.api.sharing;
