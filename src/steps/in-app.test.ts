import { describe, expect, it } from "vitest";
import { withLiquid } from "../templates/liquid";
import { renderInApp, StepContentError } from "./in-app";

const variables = {
  subscriber: { firstName: "Ada", lastName: "Lovelace" },
  payload: { count: 3, items: ["a", "b"], url: "/orders/7" },
};

const liquid = withLiquid(variables);

describe("renderInApp", () => {
  it("renders every text control with Liquid and marks actions not completed", async () => {
    const content = await renderInApp(
      {
        subject: "Hi {{subscriber.firstName}}",
        body: "{{payload.count}} new: {{payload.items | join: ', '}}",
        avatar: "https://img/{{subscriber.lastName | downcase}}.png",
        primaryAction: { label: "Open", redirect: { url: "{{payload.url}}", target: "_blank" } },
        redirect: { url: "{{payload.url}}" },
        data: { count: "{{payload.count}}", nested: { who: "{{subscriber.firstName}}" } },
      },
      liquid,
    );
    expect(content).toEqual({
      subject: "Hi Ada",
      body: "3 new: a, b",
      avatar: "https://img/lovelace.png",
      primaryAction: { label: "Open", isCompleted: false, redirect: { url: "/orders/7", target: "_blank" } },
      secondaryAction: undefined,
      redirect: { url: "/orders/7" },
      data: { count: "3", nested: { who: "Ada" } },
    });
  });

  it("leaves a missing variable empty rather than failing the step", async () => {
    expect((await renderInApp({ body: "Hello {{payload.nope}}!" }, liquid)).body).toBe("Hello !");
  });

  it("refuses a step with neither body nor subject", async () => {
    await expect(renderInApp({ avatar: "x" }, liquid)).rejects.toBeInstanceOf(StepContentError);
  });

  it("refuses controls of the wrong type", async () => {
    await expect(renderInApp({ body: 42 }, liquid)).rejects.toBeInstanceOf(StepContentError);
  });

  it("stops a template that loops without end instead of stalling the Worker", async () => {
    const hostile = "{% for i in (1..100000000) %}{{ i }}{% endfor %}";
    await expect(renderInApp({ body: hostile }, liquid)).rejects.toBeInstanceOf(StepContentError);
    await expect(renderInApp({ body: "{% if %}" }, liquid)).rejects.toBeInstanceOf(StepContentError);
  });
});
