import assert from "node:assert/strict";
import { extractProducts } from "./products.ts";

Deno.test("takes a brand with its model tokens and drops the generic noun", () => {
  assert.deepEqual(extractProducts("I bought a Sony KD-65X85L TV last week."), ["Sony KD-65X85L"]);
  assert.deepEqual(extractProducts("Our Whirlpool W7X 89 S washer leaks."), ["Whirlpool W7X 89 S"]);
  assert.deepEqual(extractProducts("Купила пылесос Karcher VC 3 Plus, он шумит."), [
    "Karcher VC 3 Plus",
  ]);
});

Deno.test("a product line counts alone, a brand alone does not", () => {
  assert.deepEqual(extractProducts("My iPad stopped charging. Samsung is a good brand."), ["iPad"]);
  assert.deepEqual(extractProducts("Apple iPhone 14 Pro 256GB and Galaxy Buds2 Pro"), [
    "Apple iPhone 14 Pro 256GB",
    "Galaxy Buds2 Pro",
  ]);
});

Deno.test("finds unknown brands after 'ordered' when the name carries a model number", () => {
  assert.deepEqual(extractProducts("I ordered a Zyxel Keenetic Giga KN-1011 router."), [
    "Zyxel Keenetic Giga KN-1011",
  ]);
  assert.deepEqual(extractProducts("I ordered a new fridge yesterday."), []);
});

Deno.test("reads Cyrillic brands and model codes and stops before a date", () => {
  assert.deepEqual(extractProducts("Холодильник Атлант ХМ-4421-009 ND за 289 990 ₸"), [
    "Атлант ХМ-4421-009 ND",
  ]);
  assert.deepEqual(extractProducts("Купила Philips EP2231 1 марта"), ["Philips EP2231"]);
});

Deno.test("in a shouted letter the capitalised words after a model are not part of its name", () => {
  assert.deepEqual(extractProducts("MY Lenovo IdeaPad Slim 3 BATTERY IS SWOLLEN"), [
    "Lenovo IdeaPad Slim 3",
  ]);
  assert.deepEqual(extractProducts("LG OLED55C3 TV"), ["LG OLED55C3"]);
});
