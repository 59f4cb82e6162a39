// Writes the bbolt fixtures the snapshot reader's tests read, with the real bbolt (1.3.6, the version Debian's etcd
// 3.4 is built with), and next to each file what bbolt itself reads back from it: every bucket, key, value and
// sequence, cursor answers (Seek, Last, Prev), the consistency check and the sizes. etcd never nests buckets or
// persists its freelist; these files do, and use other page sizes.
//
// Regenerate (Debian: apt-get install golang-go golang-github-coreos-bbolt-dev):
//
//	cd test/etcd/snapshot/bbolt-fixtures && GO111MODULE=off GOPATH=/usr/share/gocode go run main.go
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

type entry struct {
	Key    string  `json:"key"`
	Value  *string `json:"value,omitempty"`
	Bucket *bucket `json:"bucket,omitempty"`
}

type bucket struct {
	Sequence uint64  `json:"sequence"`
	Inline   bool    `json:"inline"`
	Entries  []entry `json:"entries"`
}

type seekAnswer struct {
	Bucket []string `json:"bucket"`
	Probe  string   `json:"probe"`
	Found  *string  `json:"found"`
}

type expected struct {
	PageSize      int          `json:"pageSize"`
	TxID          int          `json:"txid"`
	Size          int64        `json:"size"`
	FreePages     int          `json:"freePages"`
	CheckProblems []string     `json:"checkProblems"`
	Root          []entry      `json:"root"`
	Seeks         []seekAnswer `json:"seeks"`
	LastKeys      [][]string   `json:"lastKeys"`
	ReverseCounts []int        `json:"reverseCounts"`
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func hexOf(b []byte) *string {
	s := hex.EncodeToString(b)
	return &s
}

func dump(b *bolt.Bucket) *bucket {
	out := &bucket{Sequence: b.Sequence(), Inline: b.Root() == 0, Entries: []entry{}}
	must(b.ForEach(func(k, v []byte) error {
		e := entry{Key: hex.EncodeToString(k)}
		if v == nil {
			e.Bucket = dump(b.Bucket(k))
		} else {
			e.Value = hexOf(v)
		}
		out.Entries = append(out.Entries, e)
		return nil
	}))
	return out
}

func nested(tx *bolt.Tx, path []string) *bolt.Bucket {
	b := tx.Bucket([]byte(path[0]))
	for _, name := range path[1:] {
		b = b.Bucket([]byte(name))
	}
	return b
}

// describe reads the file back with bbolt and writes <name>.expected.json beside it.
func describe(path string, cursors [][]string, probes [][]byte) {
	db, err := bolt.Open(path, 0600, &bolt.Options{ReadOnly: true})
	must(err)
	defer db.Close()
	out := expected{PageSize: db.Info().PageSize, CheckProblems: []string{}}
	must(db.View(func(tx *bolt.Tx) error {
		out.TxID = tx.ID()
		out.Size = tx.Size()
		for err := range tx.Check() {
			out.CheckProblems = append(out.CheckProblems, err.Error())
		}
		must(tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			out.Root = append(out.Root, entry{Key: hex.EncodeToString(name), Bucket: dump(b)})
			return nil
		}))
		for _, path := range cursors {
			c := nested(tx, path).Cursor()
			for _, probe := range probes {
				k, _ := c.Seek(probe)
				answer := seekAnswer{Bucket: path, Probe: hex.EncodeToString(probe)}
				if k != nil {
					answer.Found = hexOf(k)
				}
				out.Seeks = append(out.Seeks, answer)
			}
			k, _ := c.Last()
			last := []string{}
			if k != nil {
				last = append(last, hex.EncodeToString(k))
			}
			out.LastKeys = append(out.LastKeys, last)
			n := 0
			for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
				n++
			}
			out.ReverseCounts = append(out.ReverseCounts, n)
		}
		return nil
	}))
	// Read-only bbolt loads the freelist only when the check needs it: count after it.
	out.FreePages = db.Stats().FreePageN
	text, err := json.MarshalIndent(out, "", " ")
	must(err)
	must(os.WriteFile(path+".expected.json", text, 0644))
}

func update(db *bolt.DB, fn func(tx *bolt.Tx) error) {
	must(db.Update(fn))
}

// nestedFixture: buckets in buckets (tree-sized, inline, empty, three levels deep), sequences, binary keys, empty
// and page-spanning values, and deletions that leave free pages in a persisted freelist.
func nestedFixture(path string) {
	os.Remove(path)
	db, err := bolt.Open(path, 0600, nil)
	must(err)
	update(db, func(tx *bolt.Tx) error {
		flat, err := tx.CreateBucket([]byte("flat"))
		must(err)
		for i := 0; i < 600; i++ {
			must(flat.Put([]byte(fmt.Sprintf("k%05d", i)), []byte(fmt.Sprintf("value of %d with some padding to fill pages", i))))
		}
		must(flat.Put([]byte("big"), make([]byte, 9000)))
		must(flat.Put([]byte("empty"), []byte{}))
		must(flat.Put([]byte{0x00, 0xff, 0x10}, []byte{0xde, 0xad}))
		outer, err := tx.CreateBucket([]byte("outer"))
		must(err)
		must(outer.Put([]byte("a-plain-key"), []byte("beside the buckets")))
		inner, err := outer.CreateBucket([]byte("inner"))
		must(err)
		for i := 0; i < 300; i++ {
			must(inner.Put([]byte(fmt.Sprintf("i%04d", i)), []byte(fmt.Sprintf("inner %d", i))))
		}
		deeper, err := inner.CreateBucket([]byte("deeper"))
		must(err)
		must(deeper.Put([]byte("bottom"), []byte("three levels down")))
		tiny, err := outer.CreateBucket([]byte("tiny"))
		must(err)
		must(tiny.Put([]byte("t1"), []byte("one")))
		must(tiny.Put([]byte("t2"), []byte("two")))
		for i := 0; i < 3; i++ {
			_, err = tiny.NextSequence()
			must(err)
		}
		_, err = outer.CreateBucket([]byte("z-empty"))
		must(err)
		_, err = tx.CreateBucket([]byte("empty-top"))
		return err
	})
	update(db, func(tx *bolt.Tx) error {
		flat := tx.Bucket([]byte("flat"))
		for i := 0; i < 600; i += 4 {
			must(flat.Delete([]byte(fmt.Sprintf("k%05d", i))))
		}
		return nil
	})
	must(db.Close())
	probes := [][]byte{{}, []byte("a"), []byte("k00000"), []byte("k00001"), []byte("k00300"), []byte("k00301x"), []byte("k99999"), []byte("zzz"), {0x00}, {0xff}, []byte("i0150"), []byte("deeper"), []byte("t")}
	describe(path, [][]string{{"flat"}, {"outer"}, {"outer", "inner"}, {"outer", "tiny"}, {"outer", "z-empty"}, {"empty-top"}}, probes)
}

// pageSizeFixture: 16 KiB pages, so a reader that assumed 4 KiB would find nothing.
func pageSizeFixture(path string) {
	os.Remove(path)
	db, err := bolt.Open(path, 0600, &bolt.Options{PageSize: 16384})
	must(err)
	update(db, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("sixteen"))
		must(err)
		for i := 0; i < 1200; i++ {
			must(b.Put([]byte(fmt.Sprintf("key-%06d", i)), []byte(fmt.Sprintf("%d", i*i))))
		}
		return nil
	})
	// A second transaction, so the newest meta is page 1 and page 0 can be damaged without losing the data.
	update(db, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("sixteen")).Put([]byte("key-final"), []byte("last"))
	})
	must(db.Close())
	describe(path, [][]string{{"sixteen"}}, [][]byte{[]byte("key-000600"), []byte("key-0006001"), []byte("zz")})
}

func main() {
	nestedFixture("nested.db")
	pageSizeFixture("pagesize16k.db")
}
