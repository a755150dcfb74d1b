import { Link } from "react-router-dom";
import { useMessages } from "../lib/i18n/messages";

export function NotFoundPage() {
  const m = useMessages();
  return (
    <section className="page-message">
      <h1>{m.pages.notFound}</h1>
      <p>{m.pages.notFoundBody}</p>
      <Link to="/">{m.pages.chooseProject}</Link>
    </section>
  );
}
