package org.wskemu.persistence;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** A started Axon configuration with the {@link Counter} aggregate on a given storage; no cache. */
final class CounterApp implements AutoCloseable {

    private final Configuration configuration;

    private CounterApp(Configuration configuration) {
        this.configuration = configuration;
    }

    static CounterApp start(AxonJdbcStorage storage) {
        return start(storage, configurer -> { });
    }

    static CounterApp start(AxonJdbcStorage storage, java.util.function.Consumer<Configurer> extra) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Counter.class));
        storage.configure(configurer);
        extra.accept(configurer);
        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        return new CounterApp(configuration);
    }

    CommandGateway gateway() {
        return configuration.commandGateway();
    }

    EventStore eventStore() {
        return configuration.eventStore();
    }

    Configuration configuration() {
        return configuration;
    }

    @Override
    public void close() {
        configuration.shutdown();
    }
}
