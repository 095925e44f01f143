import type { Handlers, PageProps } from "../lib/web_state.ts";
import { readPageForm } from "../lib/web/page_body.ts";
import { httpAnswerFor } from "../lib/http/error_middleware.ts";
import { authorOfSession, visibleSavedReplies } from "../lib/replies/saved.ts";
import { submitSavedReplyForm } from "../lib/replies/forms.ts";
import { TEMPLATE_VARIABLES } from "../lib/replies/template.ts";
import type { SavedReply } from "../lib/schema/saved_reply.ts";
import { CATEGORIES } from "../lib/schema/complaint.ts";

interface Data {
  replies: SavedReply[];
  csrf: string;
  team: string;
  notice?: string;
  error?: string;
}

/** Saved replies: shared ones and the agent's team's, to insert in answers (and draft from). */
export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const session = ctx.state.session!;
    ctx.state.title = "Saved replies";
    return ctx.render({
      replies: await visibleSavedReplies(ctx.state.app, authorOfSession(session)),
      csrf: session.csrf,
      team: session.agent.team,
    });
  },
  async POST(req, ctx) {
    const session = ctx.state.session!;
    const who = authorOfSession(session);
    ctx.state.title = "Saved replies";
    const form = await readPageForm(req);
    let notice: string | undefined;
    let error: string | undefined;
    let status = 200;
    try {
      notice = await submitSavedReplyForm(ctx.state.app, who, form);
    } catch (err) {
      const answer = httpAnswerFor(err);
      if (!answer || answer.status >= 500) throw err;
      status = answer.status;
      error = answer.message;
    }
    return ctx.render({
      replies: await visibleSavedReplies(ctx.state.app, who),
      csrf: session.csrf,
      team: session.agent.team,
      notice,
      error,
    }, { status });
  },
};

function ReplyFields({ reply, team }: { reply?: SavedReply; team: string }) {
  return (
    <>
      <label>
        Title
        <input name="title" value={reply?.title ?? ""} required maxLength={200} />
      </label>
      <label class="wide">
        Text
        <textarea name="body" rows={5} required maxLength={20000}>{reply?.body ?? ""}</textarea>
      </label>
      <label>
        For
        <select name="team">
          <option value="" selected={!reply?.team}>everyone</option>
          {team || reply?.team
            ? (
              <option value={reply?.team || team} selected={Boolean(reply?.team)}>
                team {reply?.team || team}
              </option>
            )
            : null}
        </select>
      </label>
      <label>
        Category
        <select name="category">
          <option value="">any</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c} selected={reply?.category === c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Language
        <input name="language" value={reply?.language ?? ""} maxLength={8} placeholder="en" />
      </label>
    </>
  );
}

export default function Replies({ data }: PageProps<Data>) {
  return (
    <section>
      <h1>Saved replies</h1>
      {data.notice ? <p class="result ok" role="status">{data.notice}</p> : null}
      {data.error ? <p class="result error" role="alert">{data.error}</p> : null}
      <p class="muted">
        Variables: {Object.keys(TEMPLATE_VARIABLES).map((v) => `{{${v}}}`).join(", ")}
      </p>
      {data.replies.map((r) => (
        <div class="card saved-reply" key={r.id} data-reply={r.id}>
          <form method="post" action="/replies" class="stack">
            <input type="hidden" name="_csrf" value={data.csrf} />
            <input type="hidden" name="_action" value="update" />
            <input type="hidden" name="id" value={r.id} />
            <ReplyFields reply={r} team={data.team} />
            <button type="submit">Save</button>
          </form>
          <form method="post" action="/replies" class="inline-form">
            <input type="hidden" name="_csrf" value={data.csrf} />
            <input type="hidden" name="_action" value="delete" />
            <input type="hidden" name="id" value={r.id} />
            <button type="submit" class="link">Delete</button>
          </form>
        </div>
      ))}
      <div class="card">
        <h2>Add a saved reply</h2>
        <form method="post" action="/replies" class="stack">
          <input type="hidden" name="_csrf" value={data.csrf} />
          <input type="hidden" name="_action" value="create" />
          <ReplyFields team={data.team} />
          <button type="submit">Add</button>
        </form>
      </div>
    </section>
  );
}
