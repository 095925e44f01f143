import type { Handlers, PageProps } from "../lib/web_state.ts";
import { TEST_SAMPLES } from "../lib/intake/test_samples.ts";
import TestSubmit from "../islands/TestSubmit.tsx";

interface Data {
  csrf: string;
}

export const handler: Handlers<Data> = {
  GET(_req, ctx) {
    ctx.state.title = "Test";
    return ctx.render({ csrf: ctx.state.session!.csrf });
  },
};

export default function TestPage({ data }: PageProps<Data>) {
  return (
    <>
      <h1>Test the pipeline</h1>
      <p class="muted">
        Pick a sample or write your own complaint (files attached if you like), or upload a raw
        .eml; it is analysed like an email and stored, and the analysis shows below.
      </p>
      <section class="card">
        <TestSubmit samples={TEST_SAMPLES} csrf={data.csrf} />
      </section>
    </>
  );
}
