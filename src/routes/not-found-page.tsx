import { Link } from "react-router-dom";

export function NotFoundPage() {
  return (
    <section className="page-message">
      <h1>Page not found</h1>
      <p>This address is not a page of the dashboard.</p>
      <Link to="/">Choose a project</Link>
    </section>
  );
}
