import { check, type Doc, inferSchema, type Schema } from "./openapi-schema";

describe("the OpenAPI checker", () => {
  const doc: Doc = {
    components: {
      schemas: {
        Base: {
          type: "object",
          required: ["ok"],
          properties: { ok: { type: "boolean" }, data: { type: "object" } },
        },
      },
    },
  };
  const schema: Schema = {
    allOf: [
      { $ref: "#/components/schemas/Base" },
      {
        properties: {
          data: { type: "array", items: { type: "string", enum: ["a", "b"] } },
          n: { type: "integer" },
        },
      },
    ],
  };
  it.each([
    [{ ok: true, data: ["a"], n: 1 }, []],
    [{ data: [] }, ["$: missing ok"]],
    [{ ok: "yes" }, ['$.ok: expected boolean, got "yes"']],
    [
      { ok: true, data: ["c"], n: 1.5 },
      ['$.data[0]: "c" is not one of a, b', "$.n: expected integer, got 1.5"],
    ],
    [{ ok: true, n: null }, ["$.n: expected integer, got null"]],
  ])("checks %j", (value, errors) => {
    expect(check(doc, schema, value)).toEqual(errors);
  });

  it("infers a schema from examples", () => {
    const inferred = inferSchema([
      { key: "a", universal_id: "x", options: [] },
      { key: "b", universal_id: null, options: ["y"] },
    ]);
    expect(
      check({}, { type: "array", items: inferred }, [{ key: "c", universal_id: null, options: [] }]),
    ).toEqual([]);
    expect(check({}, inferred, { key: 1, options: [2] })).toEqual([
      "$: missing universal_id",
      "$.key: expected string, got 1",
      "$.options[0]: expected string, got 2",
    ]);
  });
});
