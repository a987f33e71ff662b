/**
 * Concurrency of UPDATE ... FROM and DELETE ... USING, checked against PostgreSQL 15 transcripts.
 *
 * <p>Each scenario is a multi-session script: two transactions, the second joining the target to
 * other relations while the first changes target rows. The interesting moment is the wait:
 *
 * <pre>
 *   T1: update acct ... where id = 1          (row 1 locked by T1)
 *   T2: update acct ... from bonus ...        [T2 blocked on row 1]
 *   T1: commit                                [T2 unblocked] re-check row 1, or 40001
 * </pre>
 *
 * The same scripts run on a throwaway PostgreSQL produce the expected transcripts.
 */
package io.shaledb.server.dmljoin;
