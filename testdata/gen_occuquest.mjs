// Writes testdata/occuquest_*.parquet: hand-written records in the schema of
// the OccuQuest release on the Hugging Face hub (category, occupation, topic,
// messages list<struct<role, content>>; categories spelled as OccuQuest
// spells its 26 Workable ones), one file per split. DuckDB writes
// them, so the reader is tested against a Parquet writer other than its own.
//
// Run by `go generate .` from the repository root (source_parquet.go):
//
//   npm install --prefix /tmp/duck @duckdb/node-api
//   DUCKDB_PREFIX=/tmp/duck node testdata/gen_occuquest.mjs
import { createRequire } from 'node:module';

const require = createRequire((process.env.DUCKDB_PREFIX || process.cwd()) + '/');
const { DuckDBInstance } = require('@duckdb/node-api');

const m = (role, content) => ({ role, content });
const splits = {
  train: [
    ['Healthcare Services', 'Dental Hygienists', 'Patient education', [m('user', 'How do I explain interdental cleaning to a patient who dislikes flossing?'), m('assistant', 'Demonstrate interdental brushes chairside.')]],
    ['Construction', 'Electricians', 'Load calculation', [m('user', 'How do I size a service panel for a 2,400 square foot house?'), m('assistant', 'Use the standard load calculation.')]],
    ['Legal', 'Paralegals and Legal Assistants', 'Case files', [m('user', 'What folder structure works for litigation files?'), m('assistant', 'One folder per pleading stage.')]],
    ['Production', 'Fishing and Hunting Workers', 'Net maintenance', [m('user', 'How often should gillnets be inspected for tears?'), m('assistant', 'After every haul.')]],
    ['Hospitality', 'Chefs and Head Cooks', 'Menu costing', [m('user', 'How do I cost a plated dish with a 30% food cost target?'), m('assistant', 'Divide the ingredient cost by 0.30.')]],
  ],
  dialog: [
    ['Travel', 'Airline Pilots, Copilots, and Flight Engineers', 'Crosswind landing', [m('system', 'You are an experienced flight instructor.'), m('user', 'How do I hold a crab angle on short final?'), m('assistant', 'Keep the nose into the wind until the flare.'), m('user', 'And then?'), m('assistant', 'Kick out the crab with rudder and lower the upwind wing.')]],
    ['Education', 'Librarians and Media Collections Specialists', 'Weeding', [m('user', 'What is the CREW method?'), m('assistant', 'A guideline for weeding collections.'), m('user', 'Give me its MUSTIE criteria.'), m('assistant', 'Misleading, Ugly, Superseded, Trivial, Irrelevant, Elsewhere.')]],
  ],
  validation: [
    ['Law enforcement&Security', 'Firefighters', 'Hose testing', [m('user', 'What pressure is used for annual fire hose service tests?'), m('assistant', 'It depends on the hose type; follow NFPA 1962.')]],
    ['Real Estate', 'Real Estate Sales Agents', 'Open houses', [m('user', 'How do I get leads from an open house?'), m('assistant', 'Use a sign-in sheet with a follow-up offer.')]],
  ],
  test: [
    ['Healthcare Services', 'Hairdressers, Hairstylists, and Cosmetologists', 'Color correction', [m('user', 'How do I fix brassy highlights?'), m('assistant', 'Tone with a violet-based gloss.')]],
    ['Production', 'Machinists', 'Tolerances', [m('user', 'What feed rate suits 6061 aluminium on a 3-flute end mill?'), m('assistant', 'Start near 0.002 inch per tooth.')]],
  ],
  estate: [
    ['Real Estate', 'Real Estate Brokers', 'Commission splits', [m('user', 'What commission split is usual for a new agent?')]],
    ['Real Estate', 'Appraisers and Assessors of Real Estate', 'Comparables', [m('user', 'How many comparables does a residential appraisal need?')]],
  ],
  quora: [
    ['Healthcare Services', 'Clinical and Counseling Psychologists', 'Burnout', [m('user', 'How can counselors avoid burnout?')]],
    ['Engineering', 'Civil Engineers', 'Bridges', [m('user', 'Why do some bridges have expansion joints?')]],
  ],
};

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
for (const [split, rows] of Object.entries(splits)) {
  const values = rows.map(([c, o, t, msgs]) =>
    `(${q(c)}, ${q(o)}, ${q(t)}, [${msgs.map((x) => `{'role': ${q(x.role)}, 'content': ${q(x.content)}}`).join(', ')}])`).join(',\n');
  await con.run(`CREATE OR REPLACE TABLE t (category VARCHAR, occupation VARCHAR, topic VARCHAR, messages STRUCT(role VARCHAR, content VARCHAR)[])`);
  await con.run(`INSERT INTO t VALUES ${values}`);
  // Two rows per row group, so that reading crosses row groups.
  await con.run(`COPY t TO 'testdata/occuquest_${split}.parquet' (FORMAT parquet, ROW_GROUP_SIZE 2)`);
}
