import { z } from "zod";

/** How a route is authenticated, as the document's security requirement names it. */
export type RouteAuth = "api" | "ingest" | "none";

/** One example body (request or response), validated against its schema by the docs test. */
export interface Example {
  summary?: string;
  value: unknown;
}

/** A response of a documented route. */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Default `application/json` when a schema is given. */
  contentType?: string;
  examples?: Record<string, Example>;
}

/** One route, documented next to the schemas that validate it. */
export interface RouteDoc {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Hono's form (`/complaints/:id`), relative to the app's base path. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: RouteAuth;
  /** Path parameters' descriptions (every `:name` of the path must have one). */
  params?: Record<string, string>;
  query?: z.ZodObject;
  body?: {
    schema: z.ZodType;
    contentType?: string;
    description?: string;
    examples?: Record<string, Example>;
  };
  responses: Record<number, ResponseDoc>;
}

/** The document's header. */
export interface ApiInfo {
  title: string;
  version: string;
  description: string;
  /** The app's base path, e.g. `/functions/v1/api`. */
  server: string;
  /** The agents' session cookie. */
  sessionCookie: string;
}

/** `/complaints/:id` → `/complaints/{id}` (OpenAPI's template form). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // Anything zod cannot express (a transform, a date) becomes an open schema, not a throw.
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
}

function content(
  schema: z.ZodType | undefined,
  contentType: string,
  examples: Record<string, Example> | undefined,
  io: "input" | "output",
) {
  const media: Record<string, unknown> = {};
  if (schema) media.schema = jsonSchema(schema, io);
  if (examples) media.examples = examples;
  return { [contentType]: media };
}

const SECURITY: Record<RouteAuth, Record<string, string[]>[]> = {
  api: [{ bearer: [] }, { session: [] }],
  ingest: [{ bearer: [] }, { signature: [] }],
  none: [],
};

/**
 * An OpenAPI 3.1 document for `routes`: JSON Schemas generated from the zod schemas the routes
 * validate with (requests as zod reads input, responses as it writes output), so the document
 * cannot drift from the code's validation.
 */
export function openApiDocument(info: ApiInfo, routes: RouteDoc[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    const parameters: unknown[] = names.map((name) => ({
      name,
      in: "path",
      required: true,
      description: route.params?.[name] ?? "",
      schema: { type: "string" },
    }));
    if (route.query) {
      const shape = jsonSchema(route.query, "input") as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(shape.properties ?? {})) {
        parameters.push({
          name,
          in: "query",
          required: shape.required?.includes(name) ?? false,
          schema,
        });
      }
    }
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method}${
        openApiPath(route.path).replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c) =>
          c ? c.toUpperCase() : "")
      }`,
      security: SECURITY[route.auth],
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema || r.examples
              ? {
                content: content(
                  r.schema,
                  r.contentType ?? "application/json",
                  r.examples,
                  "output",
                ),
              }
              : {}),
          },
        ]),
      ),
    };
    if (route.description) operation.description = route.description;
    if (parameters.length > 0) operation.parameters = parameters;
    if (route.body) {
      operation.requestBody = {
        required: true,
        ...(route.body.description ? { description: route.body.description } : {}),
        content: content(
          route.body.schema,
          route.body.contentType ?? "application/json",
          route.body.examples,
          "input",
        ),
      };
    }
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: info.server }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "API_TOKEN (or INGEST_TOKEN)" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: info.sessionCookie,
          description: "An agent's login; writes also need the X-CSRF-Token header",
        },
        signature: {
          type: "apiKey",
          in: "header",
          name: "X-Inbox-Signature",
          description: "v1=<hex HMAC-SHA256(INGEST_TOKEN, timestamp + '.' + body)>",
        },
      },
    },
    paths,
  };
}
