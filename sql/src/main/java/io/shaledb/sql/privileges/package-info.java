/**
 * Privileges: owners, GRANT / REVOKE and the checks that enforce them with PostgreSQL's 42501
 * errors ("permission denied for table t", "must be owner of table t").
 *
 * <h2>The idea</h2>
 *
 * Who owns an object and what was granted on it is one catalog object of its own kind
 * ({@link io.shaledb.sql.catalog.ObjectAcl}, kind 12), keyed by the object's id. Tables, views
 * and schemas keep their stored formats, so catalogs written before privileges existed open
 * unchanged: an object without an entry is owned by the bootstrap superuser and has PostgreSQL's
 * default privileges (acldefault). GRANT, REVOKE and ALTER ... OWNER TO rewrite that entry in the
 * statement's transaction, so they roll back, stay invisible until commit and survive crashes
 * like any DDL.
 *
 * <pre>
 *   Session (session user, SET ROLE)                  catalog
 *     | AccessControl.with(user, tx) per statement      'c' 'o' tuple(12, "r/17") -&gt; owner 5, [alice=r/owner1, =r/owner1]
 *     v                                                 'c' 'o' tuple(12, "n/0")  -&gt; public schema
 *   StatementChecks.before   DDL: CREATE on schema,     'c' 'o' tuple(12, "R/9")  -&gt; members of role 9
 *     |                       ownership, TRUNCATE, COPY
 *   Executor / FromPlanner   each table met: SELECT / INSERT / UPDATE / DELETE (+ USAGE on its schema)
 *     |                       a view: SELECT on it, its query planned with the view owner's rights
 *   StatementChecks.after    CREATE ...: the current user becomes the owner
 * </pre>
 *
 * The rights of a role are the union of the items for itself, for PUBLIC and for every role it
 * is a member of (when it INHERITs); superusers, and user names without a role in the catalog
 * (which {@code trust} lets in), pass every check. {@link io.shaledb.sql.privileges.Acl} renders
 * a list as PostgreSQL's aclitem[] text ({@code {owner1=arwdDxt/owner1,alice=r/owner1}}) for the
 * catalog views ({@code relacl}, {@code nspacl}).
 */
package io.shaledb.sql.privileges;
