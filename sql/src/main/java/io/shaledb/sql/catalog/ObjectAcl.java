package io.shaledb.sql.catalog;

import java.util.List;

/**
 * Who owns a relation, a schema or a role's memberships, and what was granted on it: PostgreSQL's
 * {@code relowner}/{@code relacl} (or {@code nspowner}/{@code nspacl}) kept as one catalog object of
 * its own kind (12), so tables, views and schemas keep their stored formats and catalogs written
 * before privileges existed open unchanged (no object = owned by the bootstrap superuser, default
 * privileges).
 *
 * @param type {@code 'r'} a table or view, {@code 's'} a sequence (their ids share one counter),
 *     {@code 'n'} a schema ({@code public} is id 0), {@code 'R'} a role (the items are its members)
 * @param objectId the object's catalog id
 * @param owner the owning role's id, 0 for the bootstrap superuser
 * @param items the access-control list, or null for the default one (PostgreSQL's NULL acl)
 */
public record ObjectAcl(char type, int objectId, int owner, List<Item> items) {

    /** The grantee id of PUBLIC. */
    public static final int PUBLIC = -1;

    public ObjectAcl {
        items = items == null ? null : List.copyOf(items);
    }

    /**
     * One aclitem: {@code grantee} holds {@code privileges} (bit set, see
     * {@code io.shaledb.sql.privileges.Privilege}) granted by {@code grantor}, and may grant
     * on the ones in {@code grantOptions}. For a role's membership list, bit 1 means member and
     * the grant option is ADMIN OPTION.
     */
    public record Item(int grantee, int grantor, int privileges, int grantOptions) {}

    /** The catalog key name of this object's entry: {@code type/objectId}. */
    public String key() {
        return key(type, objectId);
    }

    static String key(char type, int objectId) {
        return type + "/" + objectId;
    }

    public ObjectAcl withItems(List<Item> newItems) {
        return new ObjectAcl(type, objectId, owner, newItems);
    }

    public ObjectAcl withOwner(int newOwner) {
        return new ObjectAcl(type, objectId, newOwner, items);
    }
}
