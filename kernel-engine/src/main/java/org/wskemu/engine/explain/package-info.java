/** Why a recorded bind decision came out as it did, as values: the deciding cell, socket and ACE, and every binding on the port set aside with its rule. */
package org.wskemu.engine.explain;
