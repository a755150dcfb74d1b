import { isRouteErrorResponse, Link, useRouteError } from "react-router-dom";

/** Last line of defence: a render error shows a message and a way out, never a blank page. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : "Unknown error";
  return (
    <main className="app-main">
      <section className="page-message" role="alert">
        <h1>Something went wrong</h1>
        <p>The page could not be shown: {message}</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>{" "}
          <Link to="/">Back to projects</Link>
        </p>
      </section>
    </main>
  );
}
