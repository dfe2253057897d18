import { type Answer, call, EMPLOYEES, get, login, useSandboxes } from "./http";

const start = useSandboxes();

function patch(
  s: Parameters<typeof get>[0],
  id: number | string,
  token: string,
  body: unknown,
  contentType = "application/json",
): Promise<Answer> {
  return call(s, `${EMPLOYEES}/${id}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const custom = (key: string, value: unknown) => ({ employee: { custom_attributes: { [key]: value } } });

describe("PATCH /v1/company/employees/{id}", () => {
  it("sets a custom attribute that the next listing shows", async () => {
    const s = await start();
    const token = await login(s);
    expect(await patch(s, 7, token, custom("dynamic_31001", "Contractor"))).toMatchObject({
      status: 200,
      body: { success: true, data: { id: 7 }, meta: [] },
    });
    const page = await get(s, `${EMPLOYEES}?limit=1&offset=6&attributes[]=dynamic_31001`, token);
    expect(page.body.data[0].attributes).toEqual({
      id: expect.objectContaining({ value: 7 }),
      dynamic_31001: expect.objectContaining({ value: "Contractor" }),
    });
  });

  it.each([
    ["an unknown employee", 999_999, custom("dynamic_31001", "x"), 404, "Employee not found"],
    ["an unknown attribute", 7, custom("dynamic_1", "x"), 422, "Unknown attribute: dynamic_1"],
    ["a standard key in custom_attributes", 7, custom("email", "x"), 422, "Unknown attribute: email"],
    [
      "a value that is not text",
      7,
      custom("dynamic_31001", 3),
      422,
      "Invalid value for attribute dynamic_31001",
    ],
    [
      "a body without employee",
      7,
      { custom_attributes: {} },
      400,
      'The request body needs an "employee" object',
    ],
  ])("refuses %s with %s", async (_case, id, body, status, message) => {
    const s = await start();
    const answer = await patch(s, id, await login(s), body);
    expect(answer).toMatchObject({ status, body: { success: false, error: { code: status, message } } });
  });

  it("ignores other fields and names them in meta", async () => {
    const s = await start();
    const answer = await patch(s, 7, await login(s), { employee: { email: "x@contoso.com" } });
    expect(answer.body).toEqual({ success: true, data: { id: 7 }, meta: ["email was not updated"] });
  });

  it("needs a token, and allows only PATCH on an employee", async () => {
    const s = await start();
    expect((await patch(s, 7, "nope", custom("dynamic_31001", "x"))).status).toBe(401);
    const answer = await get(s, `${EMPLOYEES}/7`, await login(s));
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("PATCH");
  });

  it("injects errors for chosen employees, a set number of times, without applying them", async () => {
    const s = await start({ faults: { patchError: { status: 503, times: 1, employeeIds: [8] } } });
    const token = await login(s);
    expect((await patch(s, 7, token, custom("dynamic_31001", "a"))).status).toBe(200);
    expect((await patch(s, 8, token, custom("dynamic_31001", "b"))).status).toBe(503);
    expect((await patch(s, 8, token, custom("dynamic_31001", "b"))).status).toBe(200);
    s.setFaults({ patchError: { status: 403, times: "always" } });
    expect((await patch(s, 9, token, custom("dynamic_31001", "c"))).status).toBe(403);
    const page = await get(s, `${EMPLOYEES}?limit=3&offset=6&attributes[]=dynamic_31001`, token);
    expect(
      (page.body.data as { attributes: { dynamic_31001: { value: string } } }[]).map(
        (item) => item.attributes.dynamic_31001.value,
      ),
    ).toEqual(["a", "b", expect.not.stringMatching(/^c$/)]);
  });

  it("counts PATCHes against the enforced rate limit", async () => {
    const s = await start({ faults: { enforceRateLimit: { perSecond: 2, perMinute: 100 } } });
    const token = await login(s);
    const statuses: number[] = [];
    for (let n = 0; n < 3; n++)
      statuses.push((await patch(s, 7, token, custom("dynamic_31001", "x"))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
