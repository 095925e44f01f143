import { CATEGORIES, PRIORITIES, PROCESSING_STATES, STATUSES } from "../lib/schema/complaint.ts";
import type { FilterValues } from "../lib/complaints/list_params.ts";
import { humanize } from "../lib/web/format.ts";

const SLA_STATES = ["on_time", "due_soon", "due_within_hour", "overdue"] as const;
const SORTS = ["sla", "priority", "newest"] as const;

function Select(
  { name, label, options, value }: {
    name: string;
    label: string;
    options: readonly string[];
    value: string;
  },
) {
  return (
    <label>
      {label}
      <select name={name}>
        <option value="">Any</option>
        {options.map((o) => <option key={o} value={o} selected={o === value}>{humanize(o)}
        </option>)}
      </select>
    </label>
  );
}

/** The list filter: a plain GET form, so the filter lives in the URL. */
export function FilterForm({ values }: { values: FilterValues }) {
  return (
    <form method="get" action="/complaints" class="filters">
      {/* Set by the "Assigned to me" / "Unassigned" links: kept when the filter changes. */}
      {values.assignee ? <input type="hidden" name="assignee" value={values.assignee} /> : null}
      {values.unassigned
        ? <input type="hidden" name="unassigned" value={values.unassigned} />
        : null}
      {values.team ? <input type="hidden" name="team" value={values.team} /> : null}
      <label class="grow">
        Search
        <input
          type="search"
          name="q"
          value={values.q}
          maxLength={200}
          placeholder="words, order no."
        />
      </label>
      <Select name="status" label="Status" options={STATUSES} value={values.status} />
      <Select name="category" label="Category" options={CATEGORIES} value={values.category} />
      <Select name="priority" label="Priority" options={PRIORITIES} value={values.priority} />
      <Select name="sla" label="SLA" options={SLA_STATES} value={values.sla} />
      {values.confidenceBelow
        ? <input type="hidden" name="confidenceBelow" value={values.confidenceBelow} />
        : null}
      <label>
        Sort
        <select name="sort">
          {SORTS.map((o) => (
            <option key={o} value={o} selected={o === (values.sort || "sla")}>
              {o === "sla" ? "SLA due" : humanize(o)}
            </option>
          ))}
        </select>
      </label>
      <Select
        name="processing"
        label="Processing"
        options={PROCESSING_STATES}
        value={values.processing}
      />
      <label>
        From
        <input type="date" name="from" value={values.from} />
      </label>
      <label>
        To
        <input type="date" name="to" value={values.to} />
      </label>
      <div class="actions">
        <button type="submit">Filter</button>
        <a href="/complaints">Reset</a>
      </div>
    </form>
  );
}
