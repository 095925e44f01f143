import type { Handlers, PageProps } from "../../lib/web_state.ts";
import { CATEGORIES, type Complaint, STATUSES } from "../../lib/schema/complaint.ts";
import { ComplaintHeader } from "../../components/ComplaintHeader.tsx";
import { Entities } from "../../components/Entities.tsx";
import { Attachments } from "../../components/Attachments.tsx";
import { History } from "../../components/History.tsx";
import { EmailBody } from "../../components/EmailBody.tsx";
import { Thread } from "../../components/Thread.tsx";
import { Related } from "../../components/Related.tsx";
import ComplaintActions from "../../islands/ComplaintActions.tsx";
import ReplyBox from "../../islands/ReplyBox.tsx";
import Presence from "../../islands/Presence.tsx";
import { outboundMessages } from "../../lib/outbound/reply.ts";
import { replyView } from "../../lib/outbound/view.ts";
import { ProcessingProblem } from "../../components/ProcessingProblem.tsx";
import { activeAgents } from "../../lib/auth/agents.ts";
import { assigneeName, takeComplaint } from "../../lib/complaints/assign.ts";
import type { AgentView } from "../../lib/schema/agent.ts";
import { redirect } from "../../lib/web/http.ts";
import { readPageForm } from "../../lib/web/page_body.ts";
import { formText } from "../../lib/http/form_fields.ts";
import { httpAnswerFor } from "../../lib/http/error_middleware.ts";
import { markNotDuplicate, mergeComplaints } from "../../lib/complaints/merge.ts";
import { splitMessage } from "../../lib/complaints/split.ts";
import { InvalidError } from "../../lib/errors.ts";
import { CustomerStory, SimilarResolved } from "../../components/CustomerStory.tsx";
import { type StoryEntry, storyOfComplaint } from "../../lib/complaints/customer_story.ts";
import { type SimilarComplaint, similarResolved } from "../../lib/complaints/similar.ts";
import { authorOfSession, type RenderedReply, savedRepliesFor } from "../../lib/replies/saved.ts";

interface Data {
  complaint: Complaint;
  csrf: string;
  now: Date;
  /** Active agents, for the assignee picker and to show the assignee by name. */
  agents: AgentView[];
  me: string;
  /** The customer's other complaints and similar resolved ones (issue 13). */
  story: StoryEntry[];
  similar: SimilarComplaint[];
  /** Teams a complaint can be routed to (the policy's and the agents'). */
  teams: string[];
  /** Saved replies filled for this complaint, best fit first. */
  saved: RenderedReply[];
  signature?: string;
}

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const complaint = await ctx.state.app.store.getComplaint(ctx.params.id);
    if (!complaint) return ctx.renderNotFound();
    // Merged into another: that one holds its messages now.
    if (complaint.mergedInto) {
      return redirect(`/complaints/${encodeURIComponent(complaint.mergedInto)}`);
    }
    ctx.state.title = complaint.subject || "Complaint";
    const agents = await activeAgents(ctx.state.app);
    const session = ctx.state.session!;
    const [story, similar, saved] = await Promise.all([
      storyOfComplaint(ctx.state.app, complaint),
      similarResolved(ctx.state.app, complaint),
      savedRepliesFor(ctx.state.app, complaint, authorOfSession(session)),
    ]);
    const teams = [
      ...new Set([
        ...Object.values(ctx.state.app.policy.teams),
        ...agents.map((a) => a.team).filter((t) => t),
      ]),
    ];
    return ctx.render({
      story,
      similar,
      saved,
      signature: session.agent.signature || undefined,
      teams,
      complaint,
      csrf: ctx.state.session!.csrf,
      now: ctx.state.app.now(),
      agents,
      me: ctx.state.session!.agent.email,
    });
  },
  /**
   * "Take it", "Merge into this one" and "Not a duplicate" (the middleware has checked the
   * session and its CSRF token).
   */
  async POST(req, ctx) {
    const app = ctx.state.app;
    const agent = ctx.state.session!.agent;
    const form = await readPageForm(req);
    const action = formText(form, "_action") ?? "take";
    const back = redirect(`/complaints/${encodeURIComponent(ctx.params.id)}`);
    try {
      if (action === "merge") {
        await mergeComplaints(
          app,
          app.pipeline.locks,
          ctx.params.id,
          formText(form, "source") ?? "",
          agent.email,
        );
      } else if (action === "split") {
        const created = await splitMessage(
          app,
          app.pipeline.locks,
          app.pipeline,
          ctx.params.id,
          formText(form, "messageId") ?? "",
          agent.email,
        );
        return redirect(`/complaints/${encodeURIComponent(created.id)}`);
      } else if (action === "not_duplicate") {
        await markNotDuplicate(app, app.pipeline.locks, ctx.params.id, agent.email);
      } else if (action === "take") {
        await takeComplaint(app, ctx.params.id, agent);
      } else {
        throw new InvalidError("Unknown action.");
      }
    } catch (err) {
      const answer = httpAnswerFor(err);
      if (!answer || answer.status >= 500) throw err;
      return new Response(answer.message, {
        status: answer.status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    return back;
  },
};

export default function ComplaintPage(
  { data: { complaint: c, csrf, now, agents, me, story, similar, teams, saved, signature } }:
    PageProps<Data>,
) {
  const assignedTo = assigneeName(c.assignee, agents);
  return (
    <>
      <p>
        <a href="/complaints">← Complaints</a>
      </p>
      <Presence id={c.id} csrf={csrf} />
      <ComplaintHeader complaint={c} now={now} />
      <ProcessingProblem complaint={c} csrf={csrf} />
      <section class="card">
        <h2>Actions</h2>
        <form method="post" class="take-it inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <span class="assigned-to">
            {assignedTo
              ? (
                <>
                  Assigned to <strong>{assignedTo}</strong>
                </>
              )
              : "Unassigned"}
          </span>
          {c.assignee?.toLowerCase() === me ? null : <button type="submit">Take it</button>}
        </form>
        <ComplaintActions
          id={c.id}
          status={c.status}
          assignee={c.assignee}
          statuses={[...STATUSES]}
          csrf={csrf}
          agents={agents.map((a) => ({ email: a.email, name: a.name }))}
          category={c.category}
          categories={[...CATEGORIES]}
          team={c.team}
          teams={teams}
        />
      </section>
      <section class="card">
        <h2>Message</h2>
        {c.analysis?.summary ? <p class="summary">{c.analysis.summary}</p> : null}
        {/* Complaints stored before parse warnings were kept have none. */}
        {(c.parseWarnings ?? []).length > 0
          ? (
            <details class="parse-warnings">
              <summary>Read with {c.parseWarnings.length} repair(s): check the raw email</summary>
              <ul>{c.parseWarnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
            </details>
          )
          : null}
        <pre class="description">{c.description}</pre>
        <EmailBody html={c.bodyHtml} />
      </section>
      <section class="card merge">
        <h2>Merge and duplicates</h2>
        {c.duplicateOf
          ? (
            <form method="post" class="inline-form">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="_action" value="not_duplicate" />
              Marked a duplicate of{" "}
              <a href={`/complaints/${encodeURIComponent(c.duplicateOf)}`}>its original</a>.{" "}
              <button type="submit">Not a duplicate</button>
            </form>
          )
          : null}
        <form method="post" class="inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="_action" value="merge" />
          <label>
            Merge complaint <input name="source" placeholder="#REF" required maxLength={100} />
          </label>{" "}
          <button type="submit">into this one</button>
        </form>
      </section>
      <section class="card" id="reply">
        <h2>Reply to the customer</h2>
        <ReplyBox
          id={c.id}
          csrf={csrf}
          to={c.customer.email}
          replies={outboundMessages(c).map(replyView)}
          saved={saved.map((r) => ({ id: r.id, title: r.title, text: r.text }))}
          signature={signature}
        />
      </section>
      <Related complaint={c} />
      <CustomerStory items={story} email={c.customer.email} />
      <SimilarResolved items={similar} />
      <section class="card">
        <h2>Thread ({c.messages.length} {c.messages.length === 1 ? "reply" : "replies"})</h2>
        <Thread messages={c.messages} csrf={csrf} />
      </section>
      <section class="card">
        <h2>Entities</h2>
        <Entities entities={c.entities} />
      </section>
      <section class="card">
        <h2>Attachments</h2>
        <Attachments id={c.id} items={c.attachments} />
      </section>
      <section class="card">
        <h2>History</h2>
        <History entries={c.history} />
      </section>
    </>
  );
}
