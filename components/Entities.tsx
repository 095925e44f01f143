import type { Entities as EntitiesData } from "../lib/schema/complaint.ts";

/** Extracted order numbers, amounts, dates, products and phones; empty groups are left out. */
export function Entities({ entities }: { entities: EntitiesData }) {
  const groups: [string, string[]][] = [
    ["Order numbers", entities.orderNumbers],
    ["Amounts", entities.amounts.map((a) => `${a.value} ${a.currency}`)],
    ["Dates", entities.dates],
    ["Products", entities.products],
    ["Phones", entities.phones],
  ];
  const present = groups.filter(([, values]) => values.length > 0);
  if (present.length === 0) return <p class="empty">None found.</p>;
  return (
    <dl class="entities">
      {present.map(([label, values]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {values.map((v, i) => <code key={i}>{v}</code>)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
