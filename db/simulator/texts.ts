// Indonesian text: description templates, staff notes and rating comments, and the
// street names and landmarks that fill the templates.
import type { RejectReason } from '../../app/domain/report-status'

/** Templates compiled once into literal/placeholder parts (odd indexes are placeholder names). */
export type Template = string[]
function compile(text: string): Template {
  return text.split(/\{(\w+)\}/)
}
export const compileAll = (texts: readonly string[]) => texts.map(compile)

export const MALANG_STREETS = [
  'Jl. Soekarno Hatta',
  'Jl. Ijen',
  'Jl. Kawi',
  'Jl. Basuki Rahmat',
  'Jl. Merdeka Utara',
  'Jl. Veteran',
  'Jl. MT Haryono',
  'Jl. Gajayana',
  'Jl. Sumbersari',
  'Jl. Bandung',
  'Jl. Jakarta',
  'Jl. Semeru',
  'Jl. Tlogomas',
  'Jl. Letjen Sutoyo',
  'Jl. Ahmad Yani',
  'Jl. Borobudur',
  'Jl. Panji Suroso',
  'Jl. Raden Intan',
  'Jl. Ki Ageng Gribig',
  'Jl. Danau Toba',
  'Jl. Mayjen Sungkono',
  'Jl. Kolonel Sugiono',
  'Jl. S. Supriadi',
  'Jl. Gatot Subroto',
  'Jl. Laksamana Martadinata',
  'Jl. Ciliwung',
  'Jl. Sulfat',
  'Jl. Candi Panggung',
  'Jl. Galunggung',
  'Jl. Terusan Dieng',
  'Jl. Bondowoso',
  'Jl. Pahlawan Trip',
  'Jl. Jaksa Agung Suprapto',
  'Jl. Kahuripan',
  'Jl. Zainul Arifin',
  'Jl. Mayjen Panjaitan',
  'Jl. Bendungan Sutami',
  'Jl. Tidar',
  'Jl. Raya Langsep',
  'Jl. Janti',
  'Jl. Muharto',
  'Jl. Kebalen Wetan',
  'Jl. Ranugrati',
  'Jl. Danau Kerinci',
  'Jl. Sawojajar',
  'Jl. Raya Tlogomas',
  'Jl. Simpang Borobudur',
  'Jl. Dinoyo',
  'Jl. Gadang',
  'Jl. Kyai Tamin',
  'Jl. Hamid Rusdi',
  'Jl. Tumenggung Suryo',
  'Jl. Arjuno',
  'Jl. Bromo',
  'Jl. Wilis',
  'Jl. Raya Sulfat',
  'Jl. Kolonel Sugiono',
  'Jl. Mergan Raya',
  'Jl. Raya Candi',
  'Jl. Sudimoro',
  'Jl. Akordion',
  'Jl. Kedawung',
]
export const MADIUN_STREETS = [
  'Jl. Pahlawan',
  'Jl. Diponegoro',
  'Jl. HOS Cokroaminoto',
  'Jl. Urip Sumoharjo',
  'Jl. Serayu',
  'Jl. Mastrip',
  'Jl. Ahmad Yani',
  'Jl. Salak',
  'Jl. Panglima Sudirman',
  'Jl. Kolonel Marhadi',
  'Jl. MH Thamrin',
  'Jl. Agus Salim',
  'Jl. Sulawesi',
  'Jl. Hayam Wuruk',
  'Jl. Yos Sudarso',
  'Jl. Tanjung Raya',
  'Jl. Basuki Rahmat',
  'Jl. Kalimantan',
]
export const GENERIC_STREETS = [
  'Jl. Merdeka',
  'Jl. Pahlawan',
  'Jl. Diponegoro',
  'Jl. Sudirman',
  'Jl. Ahmad Yani',
  'Jl. Gajah Mada',
  'Jl. Pemuda',
  'Jl. Veteran',
  'Jl. Kartini',
  'Jl. Imam Bonjol',
]
export const STREETS_BY_SLUG: Record<string, string[]> = { 'kota-malang': MALANG_STREETS, 'kota-madiun': MADIUN_STREETS }

export const LANDMARKS = [
  'depan masjid',
  'dekat SD Negeri',
  'samping minimarket',
  'seberang pos kamling',
  'dekat pasar',
  'depan kantor kelurahan',
  'dekat balai RW',
  'di pertigaan',
  'dekat jembatan',
  'depan halte',
  'dekat puskesmas',
  'depan gereja',
  'samping warung kopi',
  'dekat SPBU',
  'depan gang masuk perumahan',
  'dekat lapangan',
  'depan musala',
  'dekat kampus',
]
/** After "sudah …": how long the problem has lasted. */
export const DURATIONS = ['2 hari', '3 hari', 'beberapa hari', 'seminggu', 'lebih dari seminggu', 'dua minggu', 'hampir sebulan']
/** After "sejak …": when it started. */
export const SINCE = ['kemarin', 'tiga hari yang lalu', 'minggu lalu', 'awal bulan ini', 'bulan lalu', 'beberapa hari yang lalu']
export const TIMES_OF_DAY = ['pagi hari', 'sore hari', 'malam hari', 'jam pulang kerja', 'akhir pekan']
export const PARKING_FEES = ['5.000', '10.000', '15.000', '20.000']
export const BRIBES = ['50.000', '100.000', '150.000', '250.000', '500.000']
export const OPENINGS: Template[] = compileAll([
  'Selamat pagi. ',
  'Selamat siang Bapak/Ibu. ',
  'Mohon izin melapor. ',
  'Assalamualaikum, mohon izin menyampaikan laporan. ',
  'Permisi, saya warga Kel. {kel}. ',
  'Selamat malam. ',
])
export const CLOSINGS = [
  ' Mohon segera ditindaklanjuti.',
  ' Terima kasih atas perhatiannya.',
  ' Mohon bantuannya, Bapak/Ibu petugas.',
  ' Sudah pernah disampaikan lewat RT tetapi belum ada tindak lanjut.',
  ' Warga sekitar sangat berharap segera ada perbaikan.',
  ' Foto bisa dikirim bila diperlukan.',
  ' Terima kasih.',
]

export const DESCRIPTIONS: Record<string, string[]> = {
  pju: [
    'Lampu PJU di {jalan} {patokan} mati sudah {durasi}. Malam hari jalan sangat gelap dan rawan kecelakaan.',
    'Ada {n} titik lampu jalan yang padam di sepanjang {jalan}, Kel. {kel}. Warga khawatir terjadi tindak kejahatan karena gelap.',
    'Lampu penerangan jalan {patokan} di {jalan} berkedip-kedip terus sejak {sejak}, kadang mati total.',
    'Lampu PJU di {jalan} menyala terus pada siang hari, mohon dicek karena boros listrik.',
    'Tiang lampu jalan di {jalan} {patokan} miring dan kabelnya menjuntai rendah, berbahaya bagi pengendara.',
  ],
  jalan_rusak: [
    'Jalan di {jalan} {patokan} berlubang cukup dalam, sudah {durasi} belum diperbaiki. Banyak pengendara motor hampir jatuh, apalagi saat hujan lubangnya tertutup genangan.',
    'Aspal di {jalan}, Kel. {kel}, mengelupas sepanjang kurang lebih {m} meter. Mohon segera ditambal.',
    'Ada lubang besar di tengah {jalan} {patokan}, diameternya sekitar {cm} cm. Sudah ada pengendara yang jatuh.',
    'Jalan ambles di {jalan} dekat saluran air, retakannya makin lebar sejak {sejak}.',
    'Tambalan jalan di {jalan} rusak lagi, sekarang bergelombang dan membahayakan pengendara.',
  ],
  sampah_menumpuk: [
    'Sampah menumpuk {patokan} di {jalan} sudah {durasi} tidak diangkut. Baunya menyengat dan banyak lalat.',
    'TPS di Kel. {kel} penuh dan sampah meluber sampai ke badan jalan {jalan}.',
    'Ada pembuangan sampah liar di lahan kosong {patokan}, {jalan}. Orang dari luar sering membuang sampah di sini pada {jam}.',
    'Sampah di Kel. {kel} tidak diangkut petugas sejak {sejak}. Sampah rumah tangga mulai menumpuk di depan rumah warga.',
  ],
  drainase_tersumbat: [
    'Saluran air di {jalan} {patokan} tersumbat sampah dan lumpur, kalau hujan air meluap ke jalan.',
    'Gorong-gorong di {jalan}, Kel. {kel}, mampet sejak {sejak}. Air tergenang dan berbau.',
    'Tutup saluran di {jalan} hilang, lubangnya menganga dan berbahaya untuk pejalan kaki.',
  ],
  pohon_tumbang: [
    'Pohon tumbang di {jalan} {patokan} menutup sebagian jalan setelah hujan deras dan angin kencang.',
    'Dahan besar patah dan menimpa kabel listrik di {jalan}, Kel. {kel}. Lalu lintas tersendat.',
    'Pohon roboh menimpa pagar rumah warga di {jalan}. Mohon segera dievakuasi.',
  ],
  banjir_genangan: [
    'Banjir di {jalan} {patokan} setinggi kurang lebih {cm} cm, air masih naik.',
    'Genangan air di {jalan}, Kel. {kel}, tidak surut sejak hujan {jam}. Banyak kendaraan mogok.',
    'Air masuk ke rumah-rumah warga di sekitar {jalan} setelah hujan deras, tingginya sekitar {cm} cm.',
  ],
  pohon_rawan: [
    'Pohon besar di {jalan} {patokan} sudah miring ke arah jalan dan akarnya terangkat. Mohon dipangkas sebelum tumbang.',
    'Dahan pohon di {jalan} menjuntai dan menyentuh kabel listrik, dikhawatirkan patah saat angin kencang.',
    'Pohon di depan rumah warga di Kel. {kel} batangnya keropos, mohon dicek oleh petugas.',
  ],
  kebakaran: [
    'Terjadi kebakaran di permukiman {jalan} {patokan}. Sudah menghubungi 113, mohon tindak lanjut dan pendataan.',
    'Lahan kosong di {jalan}, Kel. {kel}, terbakar dan asapnya mengganggu warga.',
    'Korsleting listrik menyebabkan kebakaran di rumah warga di {jalan}. Api sudah padam, mohon pemeriksaan lanjutan.',
  ],
  parkir_liar: [
    'Banyak kendaraan parkir di bahu {jalan} {patokan} sehingga jalan macet, terutama pada {jam}.',
    'Juru parkir tanpa rompi dan karcis resmi di {jalan} menarik tarif Rp{tarif}, jauh di atas tarif resmi.',
    'Trotoar di {jalan} dipakai untuk parkir motor, pejalan kaki terpaksa turun ke jalan.',
  ],
  rambu_marka: [
    'Lampu lalu lintas di simpang {jalan} mati sejak {sejak}, arus kendaraan semrawut.',
    'Rambu dilarang parkir di {jalan} roboh dan tergeletak di trotoar.',
    'Marka jalan dan zebra cross di {jalan} {patokan} sudah pudar, membahayakan anak sekolah yang menyeberang.',
  ],
  layanan_adminduk: [
    'Saya mengurus KTP-el sejak {sejak} tetapi sampai sekarang belum jadi, selalu diminta kembali minggu depan.',
    'Antrean layanan kartu keluarga sangat panjang dan pendaftaran antrean daring tidak berfungsi.',
    'Akta kelahiran anak saya belum terbit padahal berkas sudah lengkap sejak {sejak}.',
    'Data pindah datang saya belum diperbarui, sehingga belum bisa mengurus layanan lain.',
  ],
  ketertiban_umum: [
    'Pedagang kaki lima berjualan di trotoar {jalan} {patokan} sehingga pejalan kaki harus turun ke jalan.',
    'Ada bangunan liar di atas saluran air di {jalan}, Kel. {kel}.',
    'Setiap {jam} ada keramaian dan suara musik keras di {jalan} yang mengganggu warga.',
  ],
  perilaku_asn: [
    'Saat mengurus dokumen di kantor pelayanan, oknum petugas meminta uang tambahan Rp{uang} agar berkas cepat selesai.',
    'Petugas di loket pelayanan bersikap tidak ramah dan menolak melayani tanpa alasan yang jelas.',
    'Ada calo yang bekerja sama dengan oknum pegawai untuk mempercepat pengurusan izin dengan imbalan Rp{uang}.',
  ],
  lainnya: [
    'Mohon tindak lanjut terkait fasilitas umum di {jalan}, Kel. {kel}, yang sudah lama tidak terawat.',
    'Taman {patokan} di {jalan} kotor dan banyak fasilitas yang rusak.',
    'Saran agar dipasang papan petunjuk arah di {jalan} karena banyak pendatang yang tersesat.',
    'Suara bising dari kegiatan proyek di {jalan} berlangsung sampai larut malam.',
  ],
}
export const DEFAULT_DESCRIPTIONS = ['Mohon tindak lanjut atas permasalahan di {jalan}, Kel. {kel}, yang sudah berlangsung {durasi}.']

export const RESOLUTION_NOTES: Record<string, string[]> = {
  pju: ['Lampu PJU sudah diganti dan menyala kembali.', 'Kabel PJU yang putus sudah diperbaiki.', 'Tiang dan lampu sudah diperbaiki oleh tim PJU.'],
  jalan_rusak: [
    'Lubang jalan sudah ditambal dengan aspal.',
    'Perbaikan jalan sudah selesai dikerjakan.',
    'Jalan sudah ditambal; pengaspalan ulang masuk program pemeliharaan berikutnya.',
  ],
  sampah_menumpuk: ['Sampah sudah diangkut oleh petugas.', 'TPS sudah dibersihkan dan jadwal pengangkutan sudah normal kembali.'],
  drainase_tersumbat: ['Saluran sudah dibersihkan dari sampah dan lumpur.', 'Tutup saluran baru sudah dipasang.'],
  pohon_tumbang: ['Pohon sudah dipotong dan jalan sudah bisa dilalui kembali.'],
  banjir_genangan: ['Genangan sudah surut; saluran di sekitar lokasi sudah dibersihkan.'],
  pohon_rawan: ['Pohon sudah dipangkas.', 'Pohon sudah ditebang karena keropos dan membahayakan.'],
  kebakaran: ['Api sudah padam dan lokasi sudah diamankan.', 'Pendinginan dan pendataan kerugian sudah dilakukan.'],
  parkir_liar: ['Petugas sudah melakukan penertiban parkir di lokasi.', 'Juru parkir liar sudah dibina dan diberi teguran.'],
  rambu_marka: ['Lampu lalu lintas sudah berfungsi normal.', 'Rambu sudah dipasang kembali.', 'Marka jalan sudah dicat ulang.'],
  layanan_adminduk: ['Dokumen sudah selesai dan dapat diambil.', 'Data kependudukan sudah diperbarui.'],
  ketertiban_umum: ['Penertiban sudah dilakukan oleh petugas.', 'Pelanggar sudah diberi surat teguran.'],
  perilaku_asn: ['Pemeriksaan sudah selesai; pegawai yang bersangkutan dijatuhi sanksi sesuai ketentuan.', 'Laporan sudah ditindaklanjuti oleh Inspektorat.'],
}
export const DEFAULT_RESOLUTION_NOTES = ['Laporan sudah ditindaklanjuti oleh perangkat daerah terkait.']
export const PUBLIC_UPDATES = [
  'Petugas sudah meninjau lokasi.',
  'Laporan sudah dijadwalkan untuk penanganan.',
  'Penanganan menunggu ketersediaan material.',
  'Tim lapangan sudah diterjunkan.',
  'Penanganan dijadwalkan minggu ini.',
  'Sedang berkoordinasi dengan pihak terkait.',
]
export const INTERNAL_NOTES = [
  'Sudah koordinasi dengan kelurahan setempat.',
  'Perlu survei lapangan sebelum pengerjaan.',
  'Menunggu anggaran pemeliharaan.',
  'Diteruskan ke regu lapangan wilayah.',
  'Pelapor belum bisa dihubungi untuk konfirmasi lokasi.',
  'Material sudah diajukan ke gudang.',
]
export const REJECT_NOTES: Record<RejectReason, string> = {
  out_of_remit: 'Permasalahan ini bukan kewenangan Pemerintah Kota; silakan menghubungi instansi terkait (mis. PLN, PDAM, atau BBPJN).',
  insufficient_info: 'Informasi lokasi dan uraian belum cukup untuk ditindaklanjuti. Silakan kirim laporan baru dengan keterangan yang lebih lengkap.',
  spam: 'Laporan tidak berisi pengaduan yang dapat ditindaklanjuti.',
}
export const REOPEN_NOTES = [
  'Masalahnya muncul lagi.',
  'Belum diperbaiki sepenuhnya.',
  'Perbaikannya tidak tahan lama, sudah rusak lagi.',
  'Lokasi yang diperbaiki bukan yang saya laporkan.',
]
export const ESCALATION_NOTE = 'Melewati batas waktu penyelesaian; dieskalasi ke kepala perangkat daerah.'
export const AUTO_CLOSE_NOTE = 'Ditutup otomatis 10 hari setelah diselesaikan karena tidak ada tanggapan dari pelapor.'
export const RATING_COMMENTS: Record<number, string[]> = {
  1: ['Sangat lambat dan masalahnya belum beres.', 'Kecewa, tidak ada perbaikan nyata.'],
  2: ['Penanganannya lama sekali.', 'Kurang memuaskan, perlu dicek ulang.'],
  3: ['Cukup, tetapi bisa lebih cepat.', 'Sudah ditangani walau agak lama.'],
  4: ['Terima kasih, sudah diperbaiki.', 'Penanganan cukup cepat.'],
  5: ['Terima kasih, cepat sekali tanggapannya!', 'Mantap, pelayanannya sangat baik.', 'Sangat membantu, terima kasih petugas.'],
}
