package org.wskemu.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The visitor has one method per event type, and each event's {@code accept} calls its own. */
class WskEventVisitorTest {

    @Test
    void oneVisitorMethodPerPermittedEvent() {
        Set<Class<?>> permitted = Set.of(WskEvent.class.getPermittedSubclasses());
        Set<Class<?>> visited = Arrays.stream(WskEvent.Visitor.class.getDeclaredMethods())
                .map(m -> m.getParameterTypes()[0]).collect(Collectors.toSet());
        assertEquals(permitted, visited);
        assertEquals(permitted.size(), WskEvent.Visitor.class.getDeclaredMethods().length);
    }

    @Test
    void eachEventIsHandedToTheMethodOfItsOwnType() throws Exception {
        // A visitor that answers the parameter type of the method called.
        @SuppressWarnings("unchecked")
        WskEvent.Visitor<Class<?>> typeOfMethod = (WskEvent.Visitor<Class<?>>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {WskEvent.Visitor.class},
                (proxy, method, args) -> method.getParameterTypes()[0]);
        for (Class<?> type : WskEvent.class.getPermittedSubclasses()) {
            Method accept = type.getMethod("accept", WskEvent.Visitor.class);
            // accept reads no field: an event of zeros and nulls, through the canonical constructor
            Object event = instance(type);
            assertEquals(type, accept.invoke(event, typeOfMethod), type.getSimpleName());
        }
    }

    private static Object instance(Class<?> record) throws Exception {
        var constructor = record.getDeclaredConstructors()[0];
        for (var c : record.getDeclaredConstructors()) {
            if (c.getParameterCount() == record.getRecordComponents().length) {
                constructor = c;
            }
        }
        Object[] args = Arrays.stream(constructor.getParameterTypes()).map(WskEventVisitorTest::zero).toArray();
        return constructor.newInstance(args);
    }

    private static Object zero(Class<?> type) {
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == java.util.List.class) {
            return java.util.List.of();
        }
        return null;
    }
}
