import { useEffect, useState } from "react";

const ZONE_NAME_KEY = "gene-jobs:zone-name";

function remembered(): string | null {
  try {
    return globalThis.localStorage?.getItem(ZONE_NAME_KEY) ?? null;
  } catch {
    return null;
  }
}

/**
 * The IANA name of the viewer's time zone (`Asia/Shanghai`), for the header. Asking Intl for it
 * starts ICU, 10–40 ms on a cold page, so the first render uses the name remembered from the
 * last visit (or none: the offset alone is shown) and the real one is read after the paint.
 */
export function useZoneName(): string | null {
  const [name, setName] = useState(remembered);
  useEffect(() => {
    const timer = setTimeout(() => {
      const actual = Intl.DateTimeFormat().resolvedOptions().timeZone;
      setName(actual);
      try {
        globalThis.localStorage?.setItem(ZONE_NAME_KEY, actual);
      } catch {
        // Storage blocked: the name is read again on the next visit.
      }
    });
    return () => clearTimeout(timer);
  }, []);
  return name;
}
