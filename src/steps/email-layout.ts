import { LiquidError } from "liquidjs";
import { renderString, type TemplateVariables } from "../templates/liquid";
import type { ChannelContent } from "./channel-content";
import { StepContentError } from "./in-app";

/**
 * Pours an email's rendered body into its layout's `{{content}}`. The layout is Liquid over the step's own
 * variables; the body goes in as a value, so nothing in it is rendered twice.
 */
export async function wrapInLayout(
  content: ChannelContent,
  layout: string | null | undefined,
  variables: TemplateVariables,
): Promise<ChannelContent> {
  if (!layout) return content;
  try {
    return { ...content, body: await renderString(layout, { ...variables, content: content.body }) };
  } catch (error) {
    if (error instanceof LiquidError)
      throw new StepContentError(`Layout could not be rendered: ${error.message}`);
    throw error;
  }
}
