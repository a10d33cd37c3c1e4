/**
 * "Rules are not filters": a list is allowed only when the query's constraints prove the rule for every
 * document it could return (equality, in, ranges, request.query.limit), whatever is stored; aggregations
 * are checked as their query.
 */
import { type RulesGroup, rulesFile, user } from '../scenario.js';

const alice = user('alice');
const articles = {
  'articles/a1': { status: 'published', score: 80, tag: 'a' },
  'articles/a2': { status: 'published', score: 60, tag: 'b' },
};

export const queries: RulesGroup = {
  name: 'queries',
  rules: rulesFile(`    match /articles/{id} {
      allow get: if true;
      allow list: if resource.data.status == 'published';
    }
    match /inbox/{id} {
      allow list: if request.auth.uid == resource.data.to && request.query.limit <= 10;
    }
    match /scores/{id} {
      allow list: if resource.data.score > 50;
    }
    match /tags/{id} {
      allow list: if resource.data.tag in ['a', 'b'];
    }
    match /open/{id} {
      allow list: if true;
    }
    match /ranked/{id} {
      allow list: if request.query.orderBy.score == 'DESC' && request.query.offset == 0
                  && request.query.limit <= 10;
    }
    match /closed/{id} {
      allow get: if true;
    }`),
  scenarios: [
    {
      name: 'an unfiltered query is refused even when every stored document passes',
      caller: alice,
      seed: articles,
      op: (fs, db) => fs.getDocs(fs.collection(db, 'articles')),
      expected: 'denied',
    },
    {
      name: 'an equality filter matching the rule is allowed',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where('status', '==', 'published'))),
      expected: 'allowed',
    },
    {
      name: 'an equality filter matching the rule is allowed on an empty collection',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where('status', '==', 'published'))),
      expected: 'allowed',
    },
    {
      name: 'an equality filter on another value is refused',
      caller: alice,
      seed: articles,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where('status', '==', 'draft'))),
      expected: 'denied',
    },
    {
      name: 'a filter on another field does not prove the rule',
      caller: alice,
      seed: articles,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where('score', '>', 0))),
      expected: 'denied',
    },
    {
      name: 'in with only allowed values',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where('status', 'in', ['published']))),
      expected: 'allowed',
    },
    {
      name: 'in with a value the rule refuses',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where('status', 'in', ['published', 'draft']))),
      expected: 'denied',
    },
    {
      name: 'a count aggregation constrained like the rule',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getCount(fs.query(fs.collection(db, 'articles'), fs.where('status', '==', 'published'))),
      expected: 'allowed',
    },
    {
      name: 'an unconstrained count aggregation is refused',
      caller: alice,
      seed: articles,
      op: (fs, db) => fs.getCount(fs.collection(db, 'articles')),
      expected: 'denied',
    },
    {
      name: 'a sum aggregation constrained like the rule',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getAggregate(fs.query(fs.collection(db, 'articles'), fs.where('status', '==', 'published')), {
          total: fs.sum('score'),
        }),
      expected: 'allowed',
    },
    {
      name: 'an unconstrained average aggregation is refused',
      caller: alice,
      seed: articles,
      op: (fs, db) => fs.getAggregate(fs.collection(db, 'articles'), { mean: fs.average('score') }),
      expected: 'denied',
    },
    {
      name: 'the get rule does not allow a list',
      caller: alice,
      seed: { 'closed/c1': { a: 1 } },
      op: (fs, db) => fs.getDocs(fs.collection(db, 'closed')),
      expected: 'denied',
    },
    {
      name: 'a list rule of true allows any query',
      caller: alice,
      seed: { 'open/o1': { a: 1 } },
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'open'), fs.orderBy('a'))),
      expected: 'allowed',
    },
    {
      name: 'request.auth and request.query.limit: filter on the caller and a small limit',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'inbox'), fs.where('to', '==', 'alice'), fs.limit(5))),
      expected: 'allowed',
    },
    {
      name: 'request.query.limit: a limit above the rule',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'inbox'), fs.where('to', '==', 'alice'), fs.limit(20))),
      expected: 'denied',
    },
    {
      name: 'request.query.limit: no limit at all',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'inbox'), fs.where('to', '==', 'alice'))),
      expected: 'denied',
    },
    {
      name: "request.auth: a filter on another user's inbox",
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'inbox'), fs.where('to', '==', 'bob'), fs.limit(5))),
      expected: 'denied',
    },
    {
      name: 'a range filter inside the rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.where('score', '>', 60))),
      expected: 'allowed',
    },
    {
      name: 'a range filter exactly at the bound',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.where('score', '>', 50))),
      expected: 'allowed',
    },
    {
      name: 'a range filter reaching below the bound',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.where('score', '>=', 50))),
      expected: 'denied',
    },
    {
      name: 'an equality filter on a value that passes a range rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.where('score', '==', 75))),
      expected: 'allowed',
    },
    {
      name: 'an in rule: equality on one of its values',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'tags'), fs.where('tag', '==', 'a'))),
      expected: 'allowed',
    },
    {
      name: 'an in rule: in with a subset of its values',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'tags'), fs.where('tag', 'in', ['b', 'a']))),
      expected: 'allowed',
    },
    {
      name: 'an in rule: in with a value outside it',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'tags'), fs.where('tag', 'in', ['a', 'c']))),
      expected: 'denied',
    },
    {
      name: 'request.query.orderBy maps fields to directions (DESC)',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'ranked'), fs.orderBy('score', 'desc'), fs.limit(5))),
      expected: 'allowed',
    },
    {
      name: 'request.query.orderBy: ascending where the rule wants DESC',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'ranked'), fs.orderBy('score'), fs.limit(5))),
      expected: 'denied',
    },
    {
      name: 'request.query.orderBy: no order on the field',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'ranked'), fs.limit(5))),
      expected: 'denied',
    },
    {
      name: 'limitToLast reaches the rules as the reversed order and a limit',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'ranked'), fs.orderBy('score'), fs.limitToLast(5))),
      expected: 'allowed',
    },
    // A query naming its documents by id is checked against those documents, as gets are.
    {
      name: 'a query by document id is checked against that document (passes)',
      caller: alice,
      seed: { ...articles, 'articles/d1': { status: 'draft' } },
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where(fs.documentId(), '==', 'a1'))),
      expected: 'allowed',
    },
    {
      name: 'a query by document id is checked against that document (fails)',
      caller: alice,
      seed: { ...articles, 'articles/d1': { status: 'draft' } },
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where(fs.documentId(), '==', 'd1'))),
      expected: 'denied',
    },
    {
      name: 'a query by a missing document id is denied by a data rule',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where(fs.documentId(), '==', 'nope'))),
      expected: 'denied',
    },
    {
      name: 'a query by document id in a list is checked against those documents',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where(fs.documentId(), 'in', ['a1', 'a2']))),
      expected: 'allowed',
    },
    {
      name: 'a document id range does not prove a data rule',
      caller: alice,
      seed: articles,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'articles'), fs.where(fs.documentId(), '>=', 'a1'))),
      expected: 'denied',
    },
  ],
};
