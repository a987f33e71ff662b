/**
 * The {@code shale} command.
 *
 * <p>{@code bin/shale} is a small shell script: it finds a JDK, builds {@code cli/target/shale.jar}
 * when the sources are newer, and runs {@link io.shaledb.cli.Main}. Everything else is picocli
 * subcommands here, each a thin layer that parses options into a configuration and calls into the
 * {@code server} module, reporting failures as one clear line on standard error and a non-zero
 * exit code.
 *
 * <pre>
 *   bin/shale ──▶ java -jar shale.jar ──▶ Main ──┬─ server   ──▶ ShaleServer.start(config)
 *                                                ├─ help
 *                                                └─ --version
 * </pre>
 */
package io.shaledb.cli;
