import { test } from "node:test";
import fc from "fast-check";
import { clipCodePoints, sliceUnits } from "../../../src/adapters/kit/text.ts";

test("cuts never leave half a surrogate pair", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), fc.nat(60), (s, max) => {
      const units = sliceUnits(s, max);
      const points = clipCodePoints(s, max);
      return (
        units.length <= max &&
        units.isWellFormed() &&
        s.startsWith(units) &&
        [...points].length <= max &&
        points.isWellFormed() &&
        s.startsWith(points)
      );
    }),
  );
});
