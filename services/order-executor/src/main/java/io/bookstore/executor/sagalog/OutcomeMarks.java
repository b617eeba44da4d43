package io.bookstore.executor.sagalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records that sagas' outcomes are out (the saga log's outcome_published_at), for every saga that has queued up within
 * the linger after the first in one fenced statement: one statement per saga was a sixth of the saga log's writes,
 * and without the linger most batches held one mark (make bench). Nothing the customer waits for waits here (the
 * outcome is already on Kafka); the saga's ending does, holding no thread, and until its mark is written the sweep
 * leaves the saga to this replica. A replica that stops with marks unwritten leaves their outcomes to be published
 * again by the next leader, which the orchestrator takes once.
 */
@Component
public class OutcomeMarks implements InitializingBean, DisposableBean {

    private static final int MAX_BATCH = 500;

    private final BlockingQueue<Mark> queue = new LinkedBlockingQueue<>();
    private final SagaLog log;
    private final String instanceId;
    private final Duration linger;
    private final Thread writer;

    private record Mark(String sagaId, long epoch, CompletableFuture<Void> written) {
    }

    public OutcomeMarks(SagaLog log, @Value("${bookstore.instance-id}") String instanceId,
                        @Value("${order-executor.outcome-marks.linger}") Duration linger) {
        this.log = log;
        this.instanceId = instanceId;
        this.linger = linger;
        writer = new Thread(this::writeMarks, instanceId + "-outcome-marks");
        writer.setDaemon(true);
    }

    /**
     * Completes once the mark is written under the epoch, or fails as the write did (FencedException when the epoch
     * is stale).
     */
    public CompletableFuture<Void> published(String sagaId, long epoch) {
        Mark mark = new Mark(sagaId, epoch, new CompletableFuture<>());
        queue.add(mark);
        return mark.written();
    }

    @Override
    public void afterPropertiesSet() {
        writer.start();
    }

    @Override
    public void destroy() {
        writer.interrupt();
    }

    private void writeMarks() {
        List<Mark> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                TimeUnit.NANOSECONDS.sleep(linger.toNanos());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            Map<Long, List<Mark>> byEpoch = batch.stream().collect(Collectors.groupingBy(Mark::epoch));
            byEpoch.forEach(this::write);
            batch.clear();
        }
    }

    private void write(long epoch, List<Mark> marks) {
        try {
            log.outcomesPublished(marks.stream().map(Mark::sagaId).toList(), instanceId, epoch);
            marks.forEach(mark -> mark.written().complete(null));
        } catch (RuntimeException e) {
            marks.forEach(mark -> mark.written().completeExceptionally(e));
        }
    }
}
