/**
 * Security identifiers, tokens, security descriptors written as SDDL, and the Windows access check
 * with a trace that explains its decision.
 */
package org.wskemu.security;
