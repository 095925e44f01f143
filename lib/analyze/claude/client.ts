import Anthropic from "@anthropic-ai/sdk";

/**
 * The Anthropic SDK client as the product uses it: every value explicit, so the SDK reads neither
 * ANTHROPIC_BASE_URL nor any other variable itself (config is read once, in lib/config.ts).
 */
export function anthropicClient(
  options: { apiKey: string; baseURL?: string; timeoutMs: number; maxRetries: number },
): Anthropic {
  return new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? "https://api.anthropic.com",
    webhookKey: null,
    logLevel: "warn",
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
}
