package io.shaledb.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shale bench ...}: the benchmarks live in their own jar (they bundle the peers they are
 * measured against: RocksDB, H2, SQLite), which {@code bin/shale bench} builds and runs. This
 * entry only exists so {@code shale --help} lists it and a direct {@code java -jar shale.jar bench}
 * says where to go.
 */
@Command(name = "bench", description = {"Run benchmarks side by side with peers (built on first use).",
    "  bin/shale bench engines   B+Tree vs LSM vs RocksDB: throughput and amplification",
    "  bin/shale bench resp      redis-benchmark: ShaleDB vs redis-server, -P 1 and 16",
    "  bin/shale bench --help    every suite and option"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Passed to the benchmark runner.")
    List<String> args = List.of();

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("shale bench: the benchmarks are a separate jar; run them with 'bin/shale bench "
                + String.join(" ", args) + "' from the ShaleDB source tree");
        return 2;
    }
}
