import { AppLink } from "../components/app-link";
import { useMessages } from "../lib/i18n/messages";

/** Last line of defence: a render error shows a message and a way out, never a blank page. */
export function RouteErrorPage({ error }: { error: unknown }) {
  const m = useMessages();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <main className="app-main">
      <section className="page-message" role="alert">
        <h1>{m.pages.crashed}</h1>
        <p>{m.pages.crashedBody(message)}</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            {m.pages.reload}
          </button>{" "}
          <AppLink to="/">{m.pages.backToProjects}</AppLink>
        </p>
      </section>
    </main>
  );
}
