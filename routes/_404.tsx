/** Unknown page or complaint. */
export default function NotFound() {
  return (
    <section class="card narrow">
      <h1>Not found</h1>
      <p>There is nothing at this address. It may have been mistyped or removed.</p>
      <p>
        <a href="/complaints">Back to complaints</a>
      </p>
    </section>
  );
}
