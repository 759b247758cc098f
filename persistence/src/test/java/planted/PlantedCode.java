package planted;

import java.sql.Connection;

/**
 * Code a hostile store names (issue #17): a trigger, a Java alias. It records that it ran in a system
 * property as soon as its class is initialized, so a test can tell it never was.
 */
public class PlantedCode implements org.h2.api.Trigger {

    /** Set when this class is initialized, in the JVM that loaded it. */
    public static final String RAN = "wskemu.planted.ran";

    static {
        System.setProperty(RAN, "true");
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
    }

    /** The alias's method. */
    public static int run() {
        return 17;
    }
}
