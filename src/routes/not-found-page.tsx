import { AppLink } from "../components/app-link";
import { useMessages } from "../lib/i18n/messages";

export function NotFoundPage() {
  const m = useMessages();
  return (
    <section className="page-message">
      <h1>{m.pages.notFound}</h1>
      <p>{m.pages.notFoundBody}</p>
      <AppLink to="/">{m.pages.chooseProject}</AppLink>
    </section>
  );
}
