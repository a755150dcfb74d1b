import type { AnchorHTMLAttributes } from "react";
import { type To, useHref, useLinkClickHandler } from "react-router-dom";

type AppLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: To };

/**
 * A link to a page of this app, made of react-router's own hooks: the same href and click
 * handling as its `<Link>` (modified clicks and other targets left to the browser; the current
 * URL replaced rather than pushed), without the prefetching and framework-mode code `<Link>`
 * brings into the first bundle.
 */
export function AppLink({ to, onClick, target, ...rest }: AppLinkProps) {
  const href = useHref(to);
  const navigate = useLinkClickHandler(to, target ? { target } : {});
  return (
    <a
      {...rest}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) navigate(event);
      }}
    />
  );
}
