package io.bookstore.executor.leadership;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Our own Curator client, so that the session timeout is a deliberate choice: a crashed leader keeps the leadership
 * until ZooKeeper expires its session, and the cluster service's default would be a minute.
 */
@Configuration(proxyBeanMethods = false)
public class ZooKeeperConfiguration {

    @Bean(destroyMethod = "close")
    public CuratorFramework curator(@Value("${order-executor.zookeeper.connect}") String connect,
                                    @Value("${order-executor.zookeeper.session-timeout}") Duration sessionTimeout,
                                    @Value("${order-executor.zookeeper.connection-timeout}")
                                    Duration connectionTimeout) {
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(connect)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectionTimeout.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 5, (int) connectionTimeout.toMillis()))
                .build();
        curator.start();
        return curator;
    }
}
