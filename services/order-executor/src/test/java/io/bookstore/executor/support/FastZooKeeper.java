package io.bookstore.executor.support;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server configured like the local ensemble (tickTime 500 ms, so 2 s client sessions are allowed):
 * the shared test server's 3 s tick would stretch every session to 6 s.
 */
public final class FastZooKeeper {

    private FastZooKeeper() {
    }

    public static TestingServer start() throws Exception {
        return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
    }
}
