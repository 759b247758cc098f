package org.wskemu.security;

/** What decided an access check. */
public enum Decider {
    /** The descriptor has no DACL: granted (win32 "How AccessCheck Works"). */
    ABSENT_DACL,
    /** A NULL DACL: granted (win32 "Null DACLs and Empty DACLs"). */
    NULL_DACL,
    /** An empty DACL: denied (win32 "Null DACLs and Empty DACLs"). */
    EMPTY_DACL,
    /** A deny ACE for a SID of the token that names a requested right: denied. */
    DENY_ACE,
    /** Allow ACEs for SIDs of the token that together name every requested right: granted. */
    ALLOW_ACES,
    /** Every ACE was read and a requested right is still missing: denied. */
    END_OF_LIST
}
