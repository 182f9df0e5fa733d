// The OTLP trace messages (opentelemetry-proto, trace/v1 and collector/trace/v1) as a
// protobufjs descriptor, so protobuf bodies decode without generated code or .proto files.
import protobuf from "protobufjs";

const kv = { key: { type: "string", id: 1 }, value: { type: "AnyValue", id: 2 } };

const descriptor = {
  nested: {
    otlp: {
      nested: {
        AnyValue: {
          oneofs: {
            value: {
              oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"],
            },
          },
          fields: {
            stringValue: { type: "string", id: 1 },
            boolValue: { type: "bool", id: 2 },
            intValue: { type: "int64", id: 3 },
            doubleValue: { type: "double", id: 4 },
            arrayValue: { type: "ArrayValue", id: 5 },
            kvlistValue: { type: "KeyValueList", id: 6 },
            bytesValue: { type: "bytes", id: 7 },
          },
        },
        ArrayValue: { fields: { values: { rule: "repeated", type: "AnyValue", id: 1 } } },
        KeyValueList: { fields: { values: { rule: "repeated", type: "KeyValue", id: 1 } } },
        KeyValue: { fields: kv },
        Resource: {
          fields: {
            attributes: { rule: "repeated", type: "KeyValue", id: 1 },
            droppedAttributesCount: { type: "uint32", id: 2 },
          },
        },
        InstrumentationScope: {
          fields: {
            name: { type: "string", id: 1 },
            version: { type: "string", id: 2 },
            attributes: { rule: "repeated", type: "KeyValue", id: 3 },
            droppedAttributesCount: { type: "uint32", id: 4 },
          },
        },
        Status: { fields: { message: { type: "string", id: 2 }, code: { type: "int32", id: 3 } } },
        Event: {
          fields: {
            timeUnixNano: { type: "fixed64", id: 1 },
            name: { type: "string", id: 2 },
            attributes: { rule: "repeated", type: "KeyValue", id: 3 },
            droppedAttributesCount: { type: "uint32", id: 4 },
          },
        },
        Link: {
          fields: {
            traceId: { type: "bytes", id: 1 },
            spanId: { type: "bytes", id: 2 },
            traceState: { type: "string", id: 3 },
            attributes: { rule: "repeated", type: "KeyValue", id: 4 },
            droppedAttributesCount: { type: "uint32", id: 5 },
            flags: { type: "fixed32", id: 6 },
          },
        },
        Span: {
          fields: {
            traceId: { type: "bytes", id: 1 },
            spanId: { type: "bytes", id: 2 },
            traceState: { type: "string", id: 3 },
            parentSpanId: { type: "bytes", id: 4 },
            name: { type: "string", id: 5 },
            kind: { type: "int32", id: 6 },
            startTimeUnixNano: { type: "fixed64", id: 7 },
            endTimeUnixNano: { type: "fixed64", id: 8 },
            attributes: { rule: "repeated", type: "KeyValue", id: 9 },
            droppedAttributesCount: { type: "uint32", id: 10 },
            events: { rule: "repeated", type: "Event", id: 11 },
            droppedEventsCount: { type: "uint32", id: 12 },
            links: { rule: "repeated", type: "Link", id: 13 },
            droppedLinksCount: { type: "uint32", id: 14 },
            status: { type: "Status", id: 15 },
            flags: { type: "fixed32", id: 16 },
          },
        },
        ScopeSpans: {
          fields: {
            scope: { type: "InstrumentationScope", id: 1 },
            spans: { rule: "repeated", type: "Span", id: 2 },
            schemaUrl: { type: "string", id: 3 },
          },
        },
        ResourceSpans: {
          fields: {
            resource: { type: "Resource", id: 1 },
            scopeSpans: { rule: "repeated", type: "ScopeSpans", id: 2 },
            schemaUrl: { type: "string", id: 3 },
          },
        },
        ExportTraceServiceRequest: { fields: { resourceSpans: { rule: "repeated", type: "ResourceSpans", id: 1 } } },
        ExportTracePartialSuccess: {
          fields: { rejectedSpans: { type: "int64", id: 1 }, errorMessage: { type: "string", id: 2 } },
        },
        ExportTraceServiceResponse: { fields: { partialSuccess: { type: "ExportTracePartialSuccess", id: 1 } } },
        // google.rpc.Status, the body of an OTLP/HTTP error response.
        Status_: { fields: { code: { type: "int32", id: 1 }, message: { type: "string", id: 2 } } },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);
const requestType = root.lookupType("otlp.ExportTraceServiceRequest");
const responseType = root.lookupType("otlp.ExportTraceServiceResponse");
const statusType = root.lookupType("otlp.Status_");

/**
 * Decodes a protobuf export request into the shape of OTLP/JSON (camelCase fields, ids as
 * bytes, 64-bit integers as decimal strings), so one normaliser serves both encodings.
 */
export function decodeTraceRequest(body: Uint8Array): unknown {
  const message = requestType.decode(body);
  return requestType.toObject(message, { longs: String, defaults: false });
}

export type TraceResponse = { partialSuccess?: { rejectedSpans: number; errorMessage: string } };

export function encodeTraceResponse(response: TraceResponse): Buffer {
  return Buffer.from(responseType.encode(responseType.fromObject(response)).finish());
}

export function encodeStatus(status: { code: number; message: string }): Buffer {
  return Buffer.from(statusType.encode(statusType.fromObject(status)).finish());
}

export function decodeTraceResponse(body: Uint8Array): TraceResponse {
  return responseType.toObject(responseType.decode(body), { longs: Number }) as TraceResponse;
}

export function decodeStatus(body: Uint8Array): { code?: number; message?: string } {
  return statusType.toObject(statusType.decode(body));
}

/** For tests and the benchmark: encode a request given in OTLP/JSON shape (ids as bytes). */
export function encodeTraceRequest(request: unknown): Uint8Array {
  return requestType.encode(requestType.fromObject(request as Record<string, unknown>)).finish();
}
