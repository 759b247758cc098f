package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenStoreTest {

    private H2Store store;
    private JdbcTokenStore tokens;

    @BeforeEach
    void open() {
        store = H2Store.open(StoreLocation.memory());
        tokens = AxonJdbcStorage.on(store).tokenStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void tokenClaimedStoredAndFetchedInOneTransactionIsCommittedAsJson() throws Exception {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(7, Set.of(3L, 5L));

        TrackingToken fetched = store.transactionManager().fetchInTransaction(() -> {
            tokens.initializeTokenSegments("projection", 1);
            assertNull(tokens.fetchToken("projection", 0));
            tokens.storeToken(token, "projection", 0);
            return tokens.fetchToken("projection", 0);
        });

        assertEquals(token, fetched);
        List<String> row = RawDatabase.rows(store.dataSource(),
                "SELECT tokenType, owner, UTF8TOSTRING(token) FROM TokenEntry WHERE processorName = 'projection'").get(0);
        assertEquals(GapAwareTrackingToken.class.getName(), row.get(0));
        assertFalse(row.get(1) == null || row.get(1).isBlank(), "claimed by this node");
        assertEquals("{\"index\":7,\"gaps\":[3,5]}", row.get(2));
        assertEquals(token, store.transactionManager().fetchInTransaction(() -> tokens.fetchToken("projection", 0)));
    }

    @Test
    void tokenStoredInARolledBackTransactionIsNotKept() {
        store.transactionManager().executeInTransaction(() -> tokens.initializeTokenSegments("projection", 1));

        var transaction = store.transactionManager().startTransaction();
        tokens.fetchToken("projection", 0);
        tokens.storeToken(GapAwareTrackingToken.newInstance(9, Set.of()), "projection", 0);
        transaction.rollback();

        assertNull(store.transactionManager().fetchInTransaction(() -> tokens.fetchToken("projection", 0)));
    }

    @Test
    void storageIdentifierIsStableAcrossTokenStores() {
        String first = tokens.retrieveStorageIdentifier().orElseThrow();
        assertEquals(first, AxonJdbcStorage.on(store).tokenStore().retrieveStorageIdentifier().orElseThrow());
    }
}
