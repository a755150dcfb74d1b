import { useEffect, useState } from "react";
import { readStored, writeStored } from "./stored";

const ZONE_NAME_KEY = "gene-jobs:zone-name";

/**
 * The IANA name of the viewer's time zone (`Asia/Shanghai`), for the header. Asking Intl for it
 * starts ICU, 10–40 ms on a cold page, so the first render uses the name remembered from the
 * last visit (or none: the offset alone is shown) and the real one is read after the paint.
 */
export function useZoneName(): string | null {
  const [name, setName] = useState(() => readStored(ZONE_NAME_KEY));
  useEffect(() => {
    const timer = setTimeout(() => {
      const actual = Intl.DateTimeFormat().resolvedOptions().timeZone;
      setName(actual);
      writeStored(ZONE_NAME_KEY, actual);
    });
    return () => clearTimeout(timer);
  }, []);
  return name;
}
