package planted;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Plants code in an H2 store, in a JVM of its own (wskemu's JVM allows H2 to load no class). */
public final class Plant {

    private Plant() {
    }

    /** @param args the store's directory, then {@code trigger} or {@code alias} */
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + args[0] + "/wskemu", "wskemu", "");
             Statement statement = connection.createStatement()) {
            statement.execute(switch (args[1]) {
                case "trigger" -> "CREATE TRIGGER PLANTED BEFORE SELECT ON DomainEventEntry CALL \"planted.PlantedCode\"";
                case "alias" -> "CREATE ALIAS PLANTED FOR \"planted.PlantedCode.run\"";
                default -> "CREATE ALIAS PLANTED_SOURCE AS 'int run() { System.setProperty(\"" + PlantedCode.RAN
                        + "\", \"source\"); return 17; }'";
            });
        }
    }
}
