package io.microevents.admin;

/** Names of the schemas the admin adds to the OpenAPI document by hand (see {@code AdminOpenApiSchemas}). */
final class AdminSchemas {

    /** One argument of a trigger or one param: a JSON string, number or boolean. */
    static final String ARGUMENT = "MicroeventsArgument";

    /** A reference to {@link #ARGUMENT}. */
    static final String ARGUMENT_REF = "#/components/schemas/" + ARGUMENT;

    /** RFC 9457 problem details, the body of every error. */
    static final String PROBLEM = "ProblemDetail";

    private AdminSchemas() {
    }
}
