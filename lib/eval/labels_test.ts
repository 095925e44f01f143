import assert from "node:assert/strict";
import { loadLabels } from "./labels.ts";

Deno.test("labels are validated and category/priority lowercased", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/labels.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify([{
        file: "1.eml",
        category: "Delivery",
        priority: "High",
        language: "en",
        sentiment: "negative",
        entities: { orderNumbers: ["A-1"] },
      }]),
    );
    const [l] = await loadLabels(new URL(`file://${file}`));
    assert.equal(l.category, "delivery");
    assert.equal(l.priority, "high");
    assert.deepEqual(l.entities.amounts, []);
    await Deno.writeTextFile(file, JSON.stringify([{ file: "1.eml" }]));
    await assert.rejects(() => loadLabels(new URL(`file://${file}`)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
