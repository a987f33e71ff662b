package io.shaledb.sql.exec.explain;

import io.shaledb.sql.plan.Cost;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The description of one plan node, as EXPLAIN prints it: PostgreSQL's node type and the words
 * of its first line ({@code Seq Scan on t a}, {@code Hash Left Join}, {@code Insert on t}), the
 * estimate ({@link Cost}), property lines ({@link Detail}s, in PostgreSQL's order), child nodes
 * and sub-plans, and under ANALYZE the {@link Instrumentation} of the operator it describes.
 *
 * <p>The planners build one per operator that PostgreSQL would show ({@link PlanRecorder});
 * operators PostgreSQL has no node for (projections, slot placement) share their input's node.
 */
public final class PlanNode {
    /** JSON "Node Type": {@code Seq Scan}, {@code Hash Join}, {@code Aggregate}, {@code ModifyTable}, ... */
    private String nodeType;
    /** The text format's name when it differs ({@code Hash Left Join}, {@code HashAggregate}, {@code Insert}). */
    private String textName;
    private String strategy;
    private String partialMode;
    private String operation;
    private String joinType;
    private boolean innerUnique;
    private String command;
    private String indexName;
    private String relationName;
    private String schema;
    private String alias;
    private String functionName;
    private String cteName;
    private String parentRelationship;
    private String subplanName;
    private Supplier<Cost> cost = () -> Cost.ZERO;
    private Supplier<List<String>> output;
    private final List<Detail> details = new ArrayList<>();
    private final List<PlanNode> children = new ArrayList<>();
    private final List<PlanNode> initPlans = new ArrayList<>();
    private Instrumentation instrumentation;

    public PlanNode(String nodeType) {
        this.nodeType = nodeType;
    }

    /** A scan of a stored relation: {@code Seq Scan on name [alias]}. */
    public static PlanNode scan(String nodeType, String relationName, String schema, String alias) {
        PlanNode n = new PlanNode(nodeType);
        n.relationName = relationName;
        n.schema = schema;
        n.alias = alias;
        return n;
    }

    public String nodeType() {
        return nodeType;
    }

    /** Changes what the node is (a scan that turned out to be a key lookup becomes an Index Scan). */
    public PlanNode retype(String type, String text) {
        this.nodeType = type;
        this.textName = text;
        return this;
    }

    public String textName() {
        return textName != null ? textName : nodeType;
    }

    public PlanNode textName(String name) {
        this.textName = name;
        return this;
    }

    public String strategy() {
        return strategy;
    }

    public PlanNode strategy(String s, String partial) {
        this.strategy = s;
        this.partialMode = partial;
        return this;
    }

    public String partialMode() {
        return partialMode;
    }

    public String operation() {
        return operation;
    }

    public PlanNode operation(String op) {
        this.operation = op;
        return this;
    }

    public String joinType() {
        return joinType;
    }

    public PlanNode joinType(String type) {
        this.joinType = type;
        return this;
    }

    /** JSON "Inner Unique": each outer row matches at most one inner row (the inner keys cover a unique key). */
    public boolean innerUnique() {
        return innerUnique;
    }

    public PlanNode innerUnique(boolean unique) {
        this.innerUnique = unique;
        return this;
    }

    public String command() {
        return command;
    }

    public PlanNode command(String c) {
        this.command = c;
        return this;
    }

    public String indexName() {
        return indexName;
    }

    public PlanNode indexName(String name) {
        this.indexName = name;
        return this;
    }

    public String relationName() {
        return relationName;
    }

    public PlanNode relation(String name, String schemaName, String aliasName) {
        this.relationName = name;
        this.schema = schemaName;
        this.alias = aliasName;
        return this;
    }

    public String schema() {
        return schema;
    }

    public String alias() {
        return alias;
    }

    public PlanNode alias(String a) {
        this.alias = a;
        return this;
    }

    public String functionName() {
        return functionName;
    }

    public PlanNode functionName(String f) {
        this.functionName = f;
        return this;
    }

    public String cteName() {
        return cteName;
    }

    public PlanNode cteName(String c) {
        this.cteName = c;
        return this;
    }

    public String parentRelationship() {
        return parentRelationship;
    }

    public String subplanName() {
        return subplanName;
    }

    /** Marks this node as an init plan or sub-plan of its parent, printed as {@code name} above it. */
    public PlanNode subplan(String name) {
        this.parentRelationship = name.startsWith("SubPlan") ? "SubPlan" : "InitPlan";
        this.subplanName = name;
        return this;
    }

    /** The estimate's supplier as set now (a filter merged into the node wraps it). */
    public Supplier<Cost> costSupplier() {
        return cost;
    }

    public Cost cost() {
        return cost.get();
    }

    /** The estimate, computed when printed (children's estimates may still change while planning). */
    public PlanNode cost(Supplier<Cost> c) {
        this.cost = c;
        return this;
    }

    public Supplier<List<String>> output() {
        return output;
    }

    /** VERBOSE's {@code Output:} line. */
    public PlanNode output(Supplier<List<String>> o) {
        this.output = o;
        return this;
    }

    public List<Detail> details() {
        return details;
    }

    public PlanNode detail(Detail d) {
        details.add(d);
        return this;
    }

    public List<PlanNode> children() {
        return children;
    }

    /** Adds an input; {@code relationship} is PostgreSQL's "Outer", "Inner", "Member", "Subquery". */
    public PlanNode child(PlanNode child, String relationship) {
        child.parentRelationship = relationship;
        children.add(child);
        return this;
    }

    /** {@link #child} when there is one: an input whose operator the recorder did not see (null) is left out. */
    public PlanNode optionalChild(PlanNode child, String relationship) {
        return child == null ? this : child(child, relationship);
    }

    /** Init plans and CTE plans, printed before the children. */
    public List<PlanNode> initPlans() {
        return initPlans;
    }

    public PlanNode initPlan(PlanNode p) {
        initPlans.add(p);
        return this;
    }

    public Instrumentation instrumentation() {
        return instrumentation;
    }

    public PlanNode instrumentation(Instrumentation i) {
        this.instrumentation = i;
        return this;
    }

}
