package dev.steadfast.hazelcast;

import com.hazelcast.core.HazelcastInstance;

import java.util.List;

/** {@link Grid} for tests in other packages. */
public final class GridAccess implements AutoCloseable {

    private final Grid grid;

    private GridAccess(Grid grid) {
        this.grid = grid;
    }

    /** A cluster of {@code size} members on loopback, formed. */
    public static GridAccess start(int size) throws Exception {
        return new GridAccess(Grid.start(size));
    }

    public List<HazelcastInstance> members() {
        return List.copyOf(grid.members);
    }

    @Override
    public void close() {
        grid.close();
    }
}
