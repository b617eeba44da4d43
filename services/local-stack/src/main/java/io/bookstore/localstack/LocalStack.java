package io.bookstore.localstack;

import io.bookstore.localstack.chaos.ChaosCommand;
import io.bookstore.localstack.command.CleanDataCommand;
import io.bookstore.localstack.command.DownCommand;
import io.bookstore.localstack.command.PartCommand;
import io.bookstore.localstack.command.StatusCommand;
import io.bookstore.localstack.command.UpCommand;
import io.bookstore.localstack.consistency.VerifyConsistencyCommand;
import io.bookstore.localstack.stack.StackLayout;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * The no-Docker launcher behind make up / down / status / clean-data: ZooKeeper ensemble, KRaft Kafka,
 * PostgreSQL and every service as local processes.
 */
public final class LocalStack {

    private static final String USAGE = """
            usage: LocalStack <command>
              up [--detach] [--fresh]  start everything; foreground until Ctrl-C unless --detach; --fresh wipes .local/ first
              down                     stop everything the stack started; data stays in .local/
              status                   pid, process and health of every part (exit 1 unless all are healthy)
              clean-data               wipe .local/ (refused while the stack runs)
              verify-consistency       compare the stores: every paid order moved stock and money once, rejected ones not
              start <part>...          start parts of a running stack (e.g. one that crashed), each until healthy
              stop <part>...           stop parts gracefully (postgres: the server too)
              kill <part>...           SIGKILL parts, as a crash would
              chaos                    a fresh stack under checkout load, faults injected one by one and together""";

    private LocalStack() {
    }

    public static void main(String[] args) {
        // Only errors from the Kafka admin client used as a health probe; the launcher prints its own progress.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.exit(run(List.of(args), System.out));
    }

    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            out.println(USAGE);
            return 2;
        }
        String command = args.get(0);
        List<String> flags = args.subList(1, args.size());
        boolean valid = switch (command) {
            case "up" -> Set.of("--detach", "--fresh").containsAll(flags);
            case "start", "stop", "kill" -> !flags.isEmpty();
            default -> Set.of("down", "status", "clean-data", "verify-consistency", "chaos").contains(command) && flags.isEmpty();
        };
        if (!valid) {
            out.println(USAGE);
            return 2;
        }
        try {
            StackLayout layout = StackLayout.fromWorkingDirectory();
            return switch (command) {
                case "up" -> new UpCommand(layout, System.getenv(), out).run(flags.contains("--detach"), flags.contains("--fresh"));
                case "down" -> new DownCommand(layout, out).run();
                case "status" -> new StatusCommand(layout, System.getenv(), out).run();
                case "verify-consistency" -> new VerifyConsistencyCommand(layout, System.getenv(), out).run();
                case "start" -> new PartCommand(layout, System.getenv(), out).start(flags);
                case "stop" -> new PartCommand(layout, System.getenv(), out).stop(flags);
                case "kill" -> new PartCommand(layout, System.getenv(), out).kill(flags);
                case "chaos" -> new ChaosCommand(layout, System.getenv(), out).run();
                default -> new CleanDataCommand(layout, out).run();
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (RuntimeException e) {
            out.println("local-stack: " + e.getMessage());
            return 1;
        }
    }
}
